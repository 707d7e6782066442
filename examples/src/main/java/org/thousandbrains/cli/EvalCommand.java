package org.thousandbrains.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.thousandbrains.checkpoint.Checkpoint;
import org.thousandbrains.checkpoint.CheckpointIO;
import org.thousandbrains.data.Split;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.io.Json;
import org.thousandbrains.model.LayeredModel;
import org.thousandbrains.plot.LineChart;

/**
 * {@code tb eval --checkpoint FILE [--data SPEC] [--noise 0,0.05,...] [--seed N] [--json]}: rebuilds the
 * checkpoint's model (same builder, configuration and seed, then the saved parameters and duty
 * cycles), reports the test accuracy and the noise-robustness curve — that fraction of each image's
 * pixels replaced by uniform values in [0, 1), seeded — as a table, {@code eval.json} and
 * {@code noise.png} beside the checkpoint. {@code --json} prints only the JSON.
 */
public final class EvalCommand implements Command {
    static final String USAGE = "usage: tb eval --checkpoint FILE [--data digits|fashion-mnist|idx:DIR] "
            + "[--noise 0,0.05,0.1,0.2,0.3,0.4,0.5] [--seed N] [--threads N] [--json]";

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "test accuracy and noise robustness of a trained checkpoint";
    }

    /** A model rebuilt from a checkpoint, with its configuration. */
    record Restored(RunConfig config, Network network, LayeredModel model) {
    }

    static Restored restore(Checkpoint cp, Path file, RunConfig c, Split data) {
        Network net = ModelRun.network(c, data);
        LayeredModel model = ModelRun.model(c, net);
        if (cp.graph() != null && cp.graph().edgeCount != net.synapseCount()) {
            throw new CliException(file + ": the checkpoint's graph has " + cp.graph().edgeCount + " synapses, the rebuilt one "
                    + net.synapseCount());
        }
        try {
            cp.restoreParameters(model.parameters());
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + e.getMessage() + " (is --data the data the model was trained on?)");
        }
        model.writeBack();
        return new Restored(c, net, model);
    }

    @Override
    public int run(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            return 0;
        }
        Options o = Options.parse(args, Set.of("--checkpoint", "--data", "--noise", "--seed", "--threads"), Set.of("--json"), USAGE);
        TrainCommand.threads(o);
        if (!o.has("--checkpoint")) throw new CliException("--checkpoint FILE is required (" + USAGE + ")");
        Path file = Path.of(o.get("--checkpoint", ""));
        Checkpoint cp;
        try {
            cp = CheckpointIO.read(file);
        } catch (IOException e) {
            throw new CliException(e.getMessage());
        }
        RunConfig saved = RunConfig.fromJson(Json.parse(require(cp, file)));
        String dataSpec = o.get("--data", saved.data());
        Split data = ModelRun.load(dataSpec);
        Restored r = restore(cp, file, saved, data);
        double[] levels = o.fractions("--noise", Measures.NOISE_LEVELS);
        long seed = o.integer("--seed", saved.seed());
        double clean = Measures.accuracy(r.model(), data.test());
        Map<Double, Double> noise = Measures.noise(r.model(), data.test(), levels, seed);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("test_accuracy", clean);
        List<Object> rows = new ArrayList<>();
        for (Map.Entry<Double, Double> e : noise.entrySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("level", e.getKey());
            row.put("accuracy", e.getValue());
            rows.add(row);
        }
        json.put("noise", rows);
        json.put("data", dataSpec);
        json.put("model", saved.model().label());
        json.put("noise_seed", seed + Measures.NOISE_SEED_OFFSET);
        json.put("checkpoint", file.toString());
        Path dir = file.toAbsolutePath().getParent();
        RunReport.writeJson(dir.resolve("eval.json"), json);
        double[] x = new double[levels.length];
        double[] y = new double[levels.length];
        int i = 0;
        for (Map.Entry<Double, Double> e : noise.entrySet()) {
            x[i] = e.getKey();
            y[i++] = e.getValue();
        }
        if (levels.length > 0) {
            new LineChart("Noise robustness, " + saved.model().label() + " on " + data.test().name(), "fraction of pixels replaced",
                    "test accuracy").series(saved.model().label(), x, y).write(dir.resolve("noise.png"));
        }
        if (o.has("--json")) {
            Map<String, Object> brief = new LinkedHashMap<>();
            brief.put("test_accuracy", clean);
            brief.put("noise", rows);
            System.out.println(Json.write(brief));
            return 0;
        }
        System.out.printf(Locale.ROOT, "%s on %s: test accuracy %.4f%n", saved, data.test().name(), clean);
        System.out.println("noise  accuracy");
        for (Map.Entry<Double, Double> e : noise.entrySet()) System.out.printf(Locale.ROOT, "%5.2f  %.4f%n", e.getKey(), e.getValue());
        System.out.println("wrote " + dir.resolve("eval.json") + " and " + dir.resolve("noise.png"));
        return 0;
    }

    private static String require(Checkpoint cp, Path file) {
        String meta = cp.meta("config");
        if (meta == null) throw new CliException(file + ": checkpoint has no run configuration (not written by tb train)");
        return meta;
    }
}
