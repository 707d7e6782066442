package org.thousandbrains.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.thousandbrains.data.Split;
import org.thousandbrains.graph.graphml.GraphMLWriter;
import org.thousandbrains.model.Architecture;
import org.thousandbrains.model.Threads;

/**
 * {@code tb train [--data digits|fashion-mnist|idx:DIR] [--model dense|sparse|units] [--hidden 512,512]
 * [--epochs N] [--batch N] [--lr X] [--seed N] [--threads N] [--out DIR]}: trains one model of the main
 * job and writes results, metrics, plots and a checkpoint into the output folder (default
 * {@code runs/<model>-<data>-<seed>/}). With no options: a dense model on the embedded digits.
 * {@code --threads} is the number of native (BLAS) threads, default 1. {@code --graphml FILE} also exports
 * the trained graph (weights, leaks and biases written back into it) as GraphML.
 */
public final class TrainCommand implements Command {
    static final String USAGE = "usage: tb train [--data digits|fashion-mnist|idx:DIR] [--model dense|sparse|units] "
            + "[--hidden 512,512] [--epochs N] [--batch N] [--lr X] [--seed N] [--threads N] [--out DIR] [--graphml FILE]";
    static final Set<String> VALUED = Set.of("--data", "--model", "--hidden", "--epochs", "--batch", "--lr", "--seed", "--threads", "--out", "--graphml");

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train a dense, sparse (k-WTA) or units model on digits, Fashion-MNIST or IDX data";
    }

    /** The configuration given by {@code o} with the data-dependent defaults. */
    static RunConfig config(Options o, String model) {
        String data = o.get("--data", RunConfig.DEFAULT_DATA);
        Architecture arch;
        try {
            arch = Architecture.parse(model);
        } catch (IllegalArgumentException e) {
            throw new CliException("--model: " + e.getMessage());
        }
        return new RunConfig(data, arch, o.sizes("--hidden", RunConfig.defaultHidden(data)),
                o.positiveInt("--epochs", RunConfig.defaultEpochs(data)), o.positiveInt("--batch", RunConfig.DEFAULT_BATCH),
                o.positiveDouble("--lr", RunConfig.DEFAULT_LR), o.integer("--seed", 0));
    }

    /** Applies {@code --threads} (default 1) to the native side and returns it. */
    static int threads(Options o) {
        int n = o.positiveInt("--threads", 1);
        Threads.set(n);
        return n;
    }

    @Override
    public int run(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            return 0;
        }
        Options o = Options.parse(args, VALUED, Set.of(), USAGE);
        RunConfig c = config(o, o.get("--model", "dense"));
        threads(o);
        Path out = Path.of(o.get("--out", c.defaultOut()));
        Split data = ModelRun.load(c.data());
        ModelRun.Result r = ModelRun.train(c, data, out, System.out);
        Map<String, Object> res = RunReport.write(r, out);
        if (o.has("--graphml")) GraphMLWriter.write(r.network(), Path.of(o.get("--graphml", "")));
        System.out.printf(Locale.ROOT, "test accuracy %.4f, %.2f s per epoch (median, training only), active fraction %.3f, "
                        + "peak RSS %.0f MB%nwrote %s (results.json, metrics.csv, learning_curves.png, loss.png, "
                        + "firing_raster.png, histograms.png, %s)%n",
                r.testAccuracy(), r.secondsPerEpoch(), (Double) res.get("active_fraction"), (Double) res.get("peak_rss_mb"),
                out, ModelRun.CHECKPOINT);
        return 0;
    }
}
