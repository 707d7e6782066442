package org.thousandbrains.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code tb experiment --list} and the command's errors, without training anything. */
class ExperimentCommandTest {
    @Test
    void listNamesEveryRegisteredExperimentWithItsQuestion() {
        CliRun r = CliRun.tb("experiment", "--list");
        assertEquals(0, r.status(), r.err());
        for (Experiment e : ExperimentRegistry.ALL) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(e.name() + " ") && l.contains(e.question())),
                    e.name() + " missing from --list:\n" + r.out());
        }
        assertTrue(r.out().contains("units-vs-neurons"));
        assertTrue(r.out().contains("horizontal-leak"));
    }

    @Test
    void unknownExperimentAndBadSeedsAreOneLineErrors() {
        CliRun unknown = CliRun.tb("experiment", "no-such-thing");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown experiment 'no-such-thing'") && unknown.err().contains("units-vs-neurons"),
                unknown.err());
        CliRun seeds = CliRun.tb("experiment", "horizontal-leak", "--seeds", "0,x");
        assertEquals(2, seeds.status());
        assertTrue(seeds.err().contains("--seeds"), seeds.err());
        CliRun both = CliRun.tb("experiment", "horizontal-leak", "--seed", "1", "--seeds", "0,1");
        assertEquals(2, both.status());
        assertTrue(both.err().contains("not both"), both.err());
    }
}
