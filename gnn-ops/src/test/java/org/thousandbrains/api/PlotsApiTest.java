package org.thousandbrains.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thousandbrains.data.Dataset;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.train.EpochResult;
import org.thousandbrains.train.History;

/** The facade's figures, DOT export and firing measure on small graphs whose answers are known by hand. */
class PlotsApiTest {
    /** tab10 blue and orange: the first and second series (and the input and neuron kinds of a drawing). */
    static final Color FIRST = new Color(0x1F77B4);
    static final Color SECOND = new Color(0xFF7F0E);
    static final Color THIRD = new Color(0x2CA02C);

    /** a → h1 (+1), a → h2 (−1), b → h2, h1 → y0, h2 → y1: a feed-forward graph with instant edges. */
    static Network small() {
        return Topologies.builder().delayRange(0, 8)
                .node("a").input().node("b").input()
                .node("h1").node("h2")
                .node("y0").output().node("y1").output()
                .edge("a", "h1").weight(1).delay(0).edge("a", "h2").weight(-1).delay(0).edge("b", "h2").weight(0.5).delay(0)
                .edge("h1", "y0").delay(0).edge("h2", "y1").delay(0)
                .build();
    }

    static int count(BufferedImage img, Color c) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF)) n++;
        return n;
    }

    @Test
    void dotHasOneLinePerNodeAndPerSynapse(@TempDir Path dir) throws Exception {
        String dot = Plots.dot(small());
        assertTrue(dot.startsWith("digraph network {\n"), dot);
        assertTrue(dot.endsWith("}\n"), dot);
        List<String> lines = dot.lines().toList();
        assertEquals(5, lines.stream().filter(l -> l.contains(" -> ")).count(), dot);
        assertEquals(6, lines.stream().filter(l -> l.contains("[kind=")).count(), dot);
        assertTrue(lines.contains("  \"a\" -> \"h2\" [label=\"-1.00\", delay=0.0, leak=0.0];"), dot);
        assertTrue(lines.contains("  \"y0\" [kind=output, shape=doublecircle];"), dot);
        Path file = Plots.dot(small(), dir.resolve("small.dot"));
        assertEquals(dot, Files.readString(file));
    }

    @Test
    void dotQuotesAwkwardIds() {
        Network net = Topologies.builder().node("say \"hi\"").input().node("back\\slash").output().edge("say \"hi\"", "back\\slash").build();
        assertTrue(Plots.dot(net).contains("\"say \\\"hi\\\"\" -> \"back\\\\slash\""), Plots.dot(net));
    }

    @Test
    void drawingShowsEveryNodeKind(@TempDir Path dir) throws Exception {
        Network net = small();
        BufferedImage img = Plots.topology(net);
        assertEquals(900, img.getWidth());
        assertEquals(600, img.getHeight());
        assertTrue(count(img, FIRST) > 100, "input dots drawn");
        assertTrue(count(img, SECOND) > 100, "hidden dots drawn");
        assertTrue(count(img, THIRD) > 100, "output dots drawn");
        Path png = Plots.save(img, dir.resolve("small.png"));
        assertEquals(900, ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void aLargeNetworkIsRefusedWithAPointerToDot() {
        Network big = Topologies.layered().inputs(64).dense(128, Activation.RELU).outputs(10).seed(0).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plots.topology(big));
        assertTrue(e.getMessage().contains("Plots.dot"), e.getMessage());
        assertTrue(e.getMessage().contains("202 nodes"), e.getMessage());
    }

    @Test
    void curvesAreImagesWithTheirSeries() {
        History h = new History(List.of(
                new EpochResult(1, 1.2, 0.6, 0.1, 10, Map.of("test_accuracy", 0.55, "test_loss", 1.3)),
                new EpochResult(2, 0.6, 0.8, 0.1, 20, Map.of("test_accuracy", 0.75, "test_loss", 0.7))));
        for (BufferedImage img : new BufferedImage[] {Plots.learningCurves(h), Plots.loss(h, "run")}) {
            assertEquals(900, img.getWidth());
            assertTrue(count(img, FIRST) > 50 && count(img, SECOND) > 50, "train and test curves drawn");
        }
        BufferedImage noise = Plots.noise(new NoiseCurve(new double[] {0, 0.5}, new double[] {0.9, 0.4}, 777));
        assertTrue(count(noise, FIRST) > 50);
    }

    /** Firing by hand: with a = 1, b = 0, h1 = relu(1) fires and h2 = relu(-1) does not, at every step. */
    @Test
    void firingOfHiddenNodesMatchesTheHandResult() {
        GraphClassifier model = Models.classifier(small());
        Dataset one = new Dataset("one", new float[] {1, 0, 0, 1}, new int[] {0, 1}, 2, 1, 2);
        Firing f = Evaluation.firing(model, one, 2);
        assertEquals(2, f.hidden().length);
        assertEquals(model.steps(), f.steps());
        assertEquals(2, f.samples());
        for (int t = 0; t < f.steps(); t++) {
            assertTrue(f.fired()[t][0] && !f.fired()[t][1], "sample a=1: h1 fires, h2 not");
            assertTrue(!f.fired()[f.steps() + t][0] && f.fired()[f.steps() + t][1], "sample b=1: h2 = relu(0.5) fires, h1 not");
        }
        assertEquals(0.5, f.activeFraction(), 1e-12);
        BufferedImage raster = Plots.raster(f);
        assertTrue(count(raster, FIRST) > 0, "fired cells drawn");
        assertTrue(f.toString().contains("active fraction 0.500"), f.toString());
    }
}
