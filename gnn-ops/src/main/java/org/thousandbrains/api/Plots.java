package org.thousandbrains.api;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import org.thousandbrains.graph.dot.DotWriter;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.graph.io.AtomicFile;
import org.thousandbrains.plot.Chart;
import org.thousandbrains.plot.Histogram;
import org.thousandbrains.plot.LineChart;
import org.thousandbrains.plot.NetworkDrawing;
import org.thousandbrains.plot.Raster;
import org.thousandbrains.train.History;

/**
 * The figures of a run as {@link BufferedImage}s — a notebook cell shows an image that is its value — drawn
 * by XChart ({@link org.thousandbrains.plot}), each savable with {@link #save}: learning curves, loss, firing
 * raster, weight/delay/leak histograms, noise curve, and a drawing of a small topology (Graphviz DOT,
 * {@link #dot}, for large ones).
 *
 * <pre>{@code
 * Plots.learningCurves(result.history())
 * Plots.save(Plots.raster(Evaluation.firing(model, data.test(), 12)), "raster.png");
 * }</pre>
 */
public final class Plots {
    private Plots() {
    }

    /** Train and test accuracy per epoch. */
    public static BufferedImage learningCurves(History h) {
        return learningCurves(h, "");
    }

    /** Train and test accuracy per epoch, titled {@code Accuracy, <label>}. */
    public static BufferedImage learningCurves(History h, String label) {
        return curves(h, title("Accuracy", label), "accuracy", "accuracy", "test_accuracy");
    }

    /** Train and test loss per epoch. */
    public static BufferedImage loss(History h) {
        return loss(h, "");
    }

    /** Train and test loss per epoch, titled {@code Loss, <label>}. */
    public static BufferedImage loss(History h, String label) {
        return curves(h, title("Loss", label), "cross-entropy", "loss", "test_loss");
    }

    private static BufferedImage curves(History h, String title, String yLabel, String train, String test) {
        if (h.isEmpty()) throw new IllegalArgumentException(title + ": the history has no epochs");
        double[] x = new double[h.size()];
        for (int i = 0; i < x.length; i++) x[i] = i + 1;
        LineChart c = new LineChart(title, "epoch", yLabel).series("train", x, h.series(train));
        if (h.last().metrics().containsKey(test)) c.series("test", x, h.series(test));
        return c.render();
    }

    /** Hidden nodes firing, one column per sample and step. */
    public static BufferedImage raster(Firing f) {
        return raster(f, "Hidden nodes firing, " + f.samples() + " samples x " + f.steps() + " step(s)");
    }

    public static BufferedImage raster(Firing f, String title) {
        return new Raster(title, "sample x step", "hidden node").fired(f.fired()).stepsPerSample(f.steps()).render();
    }

    /** Weight, delay and leak histograms of a model. */
    public static BufferedImage histograms(GraphClassifier model) {
        return histograms(model, null, "Parameters");
    }

    /** The trained model's histograms beside the initial ones (where delays or leaks moved). */
    public static BufferedImage histograms(Training.Result r) {
        return histograms(r.model(), r.initial(), "Trained graph");
    }

    /**
     * Weight, delay and leak histograms of the model, and of the {@code initial} values (may be null) where the
     * delays or leaks moved. Delays and leaks are drawn over the edges where they are learnable when some are
     * (unit-internal edges ignore both and would only add a bar at their fixed value), over every edge otherwise.
     */
    public static BufferedImage histograms(GraphClassifier model, ParameterValues initial, String title) {
        return histogramChart(model, initial, title).render();
    }

    static Histogram histogramChart(GraphClassifier model, ParameterValues initial, String title) {
        Histogram h = new Histogram(title);
        if (model.graph().edgeCount() == 0) return h.panel("bias", model.biases(), 40);
        byte[] learn = model.graph().learnable();
        double[] d = model.delays();
        double[] l = model.leaks();
        String delay = label("delay", learn, Learnable.DELAY);
        String leak = label("leak", learn, Learnable.LEAK);
        h.panel("weight", model.weights(), 60).panel(delay, where(d, learn, Learnable.DELAY), 20)
                .panel(leak, where(l, learn, Learnable.LEAK), 20);
        if (initial != null && (!Arrays.equals(d, initial.delay()) || !Arrays.equals(l, initial.leak()))) {
            h.panel("weight (initial)", initial.weight(), 60)
                    .panel(delay + " (initial)", where(initial.delay(), learn, Learnable.DELAY), 20)
                    .panel(leak + " (initial)", where(initial.leak(), learn, Learnable.LEAK), 20);
        }
        return h;
    }

    /** Accuracy over the noise levels. */
    public static BufferedImage noise(NoiseCurve c) {
        return noise(c, "model", "Noise robustness");
    }

    /** Accuracy over the noise levels, the curve named {@code label}. */
    public static BufferedImage noise(NoiseCurve c, String label, String title) {
        if (c.levels().length == 0) throw new IllegalArgumentException(title + ": the noise curve has no levels");
        return new LineChart(title, "fraction of pixels replaced", "test accuracy").series(label, c.levels(), c.accuracies()).render();
    }

    /**
     * A layered drawing of a small network ({@link NetworkDrawing}: at most {@value NetworkDrawing#MAX_NODES} nodes and
     * {@value NetworkDrawing#MAX_EDGES} synapses; larger ones are refused with a pointer to {@link #dot}).
     */
    public static BufferedImage topology(Network net) {
        return new NetworkDrawing(net.toString(), net).render();
    }

    /** The network as Graphviz DOT text ({@code dot -Tsvg net.dot -o net.svg} draws it). */
    public static String dot(Network net) {
        return DotWriter.toDot(net);
    }

    /** Writes the network as a DOT file, atomically. */
    public static Path dot(Network net, Path file) {
        byte[] text = dot(net).getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFile.write(file, out -> out.write(text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write '" + file + "': " + e.getMessage(), e);
        }
        return file;
    }

    /** Writes the image as PNG, atomically, creating missing folders. */
    public static Path save(BufferedImage image, Path png) {
        try {
            return Chart.writePng(image, png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write '" + png + "': " + e.getMessage(), e);
        }
    }

    public static Path save(BufferedImage image, String png) {
        return save(image, Path.of(png));
    }

    private static String title(String what, String label) {
        return label.isEmpty() ? what : what + ", " + label;
    }

    private static boolean some(byte[] learn, int bit) {
        for (byte b : learn) if ((b & bit) != 0) return true;
        return false;
    }

    private static String label(String kind, byte[] learn, int bit) {
        return some(learn, bit) ? kind + ", learnable" : kind;
    }

    /** The values of the edges where {@code bit} is learnable, or all values when none is. */
    private static double[] where(double[] values, byte[] learn, int bit) {
        if (!some(learn, bit)) return values;
        double[] out = new double[values.length];
        int n = 0;
        for (int e = 0; e < values.length; e++) if ((learn[e] & bit) != 0) out[n++] = values[e];
        return Arrays.copyOf(out, n);
    }
}
