package org.thousandbrains.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.thousandbrains.api.Checkpoints;
import org.thousandbrains.api.Evaluation;
import org.thousandbrains.api.Models;
import org.thousandbrains.api.NoiseCurve;
import org.thousandbrains.api.Plots;
import org.thousandbrains.checkpoint.Checkpoint;
import org.thousandbrains.checkpoint.CheckpointIO;
import org.thousandbrains.data.Split;
import org.thousandbrains.graph.compile.TopologyException;
import org.thousandbrains.io.Json;
import org.thousandbrains.model.GraphClassifier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tb eval --checkpoint FILE [--data SPEC] [--noise 0,0.05,...] [--seed N] [--threads N] [--json]}:
 * rebuilds the model from the checkpoint file alone — the trained graph it holds, compiled, with its
 * saved parameters and k-WTA duty cycles, run by the same float32 operator in eval mode — so the test
 * accuracy is exactly the one {@code tb train} reported, for a built-in model or a {@code --topology}
 * graph alike. Reports the test accuracy and the noise-robustness curve — that fraction of each
 * image's pixels replaced by uniform values in [0, 1), seeded — as a table, {@code eval.json} and
 * {@code noise.png} beside the checkpoint. {@code --json} prints only the JSON.
 */
@Command(name = "eval", sortOptions = false,
        description = "Test accuracy and noise robustness of a trained checkpoint (the model is rebuilt from the file alone).")
public final class EvalCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", paramLabel = "FILE", required = true, description = "a checkpoint written by tb train")
    Path file;

    @Option(names = "--data", paramLabel = "SPEC", description = "digits, fashion-mnist or idx:DIR (default: the checkpoint's)")
    String dataOption;

    @Option(names = "--noise", paramLabel = "LEVELS", hideParamSyntax = true, split = ",", converter = Converters.Fraction.class,
            description = "fractions of pixels replaced by uniform noise (default 0,0.05,0.1,0.2,0.3,0.4,0.5)")
    double[] levelsOption;

    @Option(names = "--seed", paramLabel = "N", converter = Converters.WholeNumber.class,
            description = "seed of the noise (default: the run's)")
    Long seedOption;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--json", description = "print only the JSON (test accuracy and noise curve)")
    boolean jsonOnly;

    /** The model of a checkpoint, checked against the data it is to classify. */
    static GraphClassifier restore(Checkpoint cp, Path file, Split data, String dataSpec, int threads) {
        GraphClassifier model;
        try {
            model = Checkpoints.model(cp).threads(threads);
        } catch (TopologyException | IllegalArgumentException e) {
            throw new CliException(file + ": " + e.getMessage());
        }
        String name = cp.meta("model") == null ? file.getFileName().toString() : "the checkpoint's model " + cp.meta("model");
        ModelRun.checkFits(name, model.graph(), data, dataSpec);
        return model;
    }

    @Override
    public Integer call() throws Exception {
        int threads = this.threads.apply();
        Checkpoint cp;
        try {
            cp = CheckpointIO.read(file);
        } catch (IOException e) {
            throw new CliException(e.getMessage());
        }
        RunConfig saved = cp.meta("config") == null ? null : RunConfig.fromJson(Json.parse(cp.meta("config")));
        if (saved == null && dataOption == null) {
            throw new CliException(file + ": the checkpoint names no data set (not written by tb train): give --data");
        }
        String dataSpec = dataOption != null ? dataOption : saved.data();
        Split data = ModelRun.load(dataSpec);
        GraphClassifier model = restore(cp, file, data, dataSpec, threads);
        String label = saved != null ? saved.label() : cp.meta("model") != null ? cp.meta("model") : "model";
        double[] levels = levelsOption != null ? levelsOption : Evaluation.noiseLevels();
        long seed = seedOption != null ? seedOption : saved == null ? 0 : saved.seed();
        double clean = Evaluation.accuracy(model, data.test());
        NoiseCurve noise = Evaluation.noise(model, data.test(), seed, levels);
        List<Object> rows = noise.toJson();

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("test_accuracy", clean);
        json.put("noise", rows);
        json.put("data", dataSpec);
        json.put("model", label);
        json.put("graph", Models.summary(model));
        json.put("noise_seed", noise.noiseSeed());
        json.put("checkpoint", file.toString());
        Path dir = file.toAbsolutePath().getParent();
        RunReport.writeJson(dir.resolve("eval.json"), json);
        if (levels.length > 0) {
            Plots.save(Plots.noise(noise, label, "Noise robustness, " + label + " on " + data.test().name()), dir.resolve("noise.png"));
        }
        if (jsonOnly) {
            Map<String, Object> brief = new LinkedHashMap<>();
            brief.put("test_accuracy", clean);
            brief.put("noise", rows);
            System.out.println(Json.write(brief));
            return 0;
        }
        System.out.printf(Locale.ROOT, "%s%n%s on %s: test accuracy %.4f%n", model, saved == null ? label : saved,
                data.test().name(), clean);
        System.out.print(noise);
        System.out.println("wrote " + dir.resolve("eval.json") + " and " + dir.resolve("noise.png"));
        return 0;
    }
}
