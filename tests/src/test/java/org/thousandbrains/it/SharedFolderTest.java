package org.thousandbrains.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The rule for a missing shared folder: skip with the message, but fail when CI=true. */
class SharedFolderTest {
    @Test
    void aFoundFolderIsReturnedEverywhere() {
        Path p = Path.of("somewhere");
        assertEquals(p, SharedFolder.require(Optional.of(p), "missing", "true"));
        assertEquals(p, SharedFolder.require(Optional.of(p), "missing", null));
    }

    @Test
    void aMissingFolderFailsOnCi() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> SharedFolder.require(Optional.empty(), "corpus not found", "true"));
        assertEquals("CI=true: corpus not found", e.getMessage());
        assertThrows(AssertionFailedError.class, () -> SharedFolder.require(Optional.empty(), "x", "TRUE"));
    }

    @Test
    void aMissingFolderSkipsWithTheMessageElsewhere() {
        for (String ci : new String[] {null, "", "false", "0"}) {
            TestAbortedException e = assertThrows(TestAbortedException.class,
                    () -> SharedFolder.require(Optional.empty(), "corpus not found", ci), "CI=" + ci);
            assertTrue(e.getMessage().contains("corpus not found"), e.getMessage());
        }
    }

    @Test
    void onlyTrueMeansCi() {
        assertTrue(SharedFolder.onCi("true"));
        assertTrue(SharedFolder.onCi(" True "));
        assertFalse(SharedFolder.onCi(null));
        assertFalse(SharedFolder.onCi("false"));
        assertFalse(SharedFolder.onCi("yes"));
    }
}
