package org.thousandbrains.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thousandbrains.data.Split;
import org.thousandbrains.model.Architecture;
import org.thousandbrains.model.GraphClassifier;

/** A short run through the facade on the embedded digits, and its checkpoint round trip. */
class TrainingApiTest {
    static Split digits;
    static Training.Result result;
    static String log;

    @BeforeAll
    static void train() {
        digits = Data.digits();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GraphClassifier model = Models.builtIn(Architecture.SPARSE, digits, 0, 128);
        result = Training.of(model).data(digits).epochs(5).lr(0.01).seed(0)
                .log(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        log = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aShortRunLearnsTheDigits() {
        assertEquals(5, result.history().size());
        assertTrue(result.testAccuracy() > 0.85, "test accuracy " + result.testAccuracy());
        // the reported accuracy is the model's on the test set, counted independently of the trainer's evaluation
        assertEquals(Evaluation.accuracy(result.model(), digits.test()), result.testAccuracy(), 1e-12);
        assertEquals(5, log.lines().filter(l -> l.startsWith("epoch")).count(), log);
        assertTrue(result.parameterChange().weight().meanAbsDeltaLearnable() > 0);
        assertEquals(0.0, result.parameterChange().delay().maxAbsDelta(), "the sparse family's delays are frozen");
        String text = result.toString();
        assertTrue(text.startsWith("test accuracy 0."), text);
        assertTrue(text.contains("after 5 epochs on digits"), text);
        assertTrue(text.contains("GraphClassifier["), text);
    }

    @Test
    void progressOffPrintsNothing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Training.of(Models.builtIn(Architecture.DENSE, digits, 1, 32)).data(digits).epochs(1).progress(false)
                .log(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        assertEquals(0, bytes.size());
    }

    @Test
    void aSavedModelLoadsWithTheSameAccuracy(@TempDir Path dir) {
        Path file = Checkpoints.save(result.model(), dir.resolve("sparse.tbck"));
        GraphClassifier again = Checkpoints.load(file);
        assertEquals(result.testAccuracy(), Evaluation.accuracy(again, digits.test()));
        assertArrayEquals(result.model().weights(), again.weights());
        assertArrayEquals(result.model().dutyCycles(), again.dutyCycles());
        assertArrayEquals(Evaluation.noise(result.model(), digits.test(), 3, 0.2).accuracies(),
                Evaluation.noise(again, digits.test(), 3, 0.2).accuracies());
    }

    @Test
    void noiseCurveStartsAtTheCleanAccuracyAndFallsToChance() {
        NoiseCurve c = Evaluation.noise(result.model(), digits.test(), 0, 0, 1);
        assertEquals(result.testAccuracy(), c.at(0));
        assertTrue(c.at(1) < 0.3, "every pixel replaced leaves no digit: " + c.at(1));
        assertEquals(777, c.noiseSeed());
        assertTrue(c.toString().startsWith("noise  accuracy\n 0.00  0."), c.toString());
        assertEquals(7, Evaluation.noise(result.model(), digits.test(), 0).levels().length);
    }

    @Test
    void settingsAreFixedOnceTheRunStarted() {
        Training t = Training.of(Models.builtIn(Architecture.DENSE, digits, 2, 32)).data(digits).epochs(1);
        t.trainer();
        assertThrows(IllegalStateException.class, () -> t.epochs(3));
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> Training.of(Models.dense(digits)).epochs(1).run());
        assertTrue(none.getMessage().contains("data("), none.getMessage());
    }

    @Test
    void aModelThatDoesNotFitTheDataIsRefusedNamingBoth() {
        GraphClassifier small = Models.classifier(Topologies.layered().inputs(10).dense(4,
                org.thousandbrains.graph.topology.Activation.RELU).outputs(10).seed(0).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Training.of(small).data(digits));
        assertEquals("the model has 10 input nodes but dataset digits/train has 64 features", e.getMessage());
    }
}
