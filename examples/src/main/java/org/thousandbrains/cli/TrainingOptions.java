package org.thousandbrains.cli;

import org.thousandbrains.model.Architecture;

import picocli.CommandLine.Option;

/**
 * The options {@code tb train} and {@code tb compare} share (a picocli mixin): data, layer sizes, epochs, batch,
 * the Adam rates, seed, and learning rule. Unset values ({@code null}, rates 0) take the data's defaults
 * of {@link RunConfig}.
 */
final class TrainingOptions {
    @Option(names = "--data", paramLabel = "SPEC", defaultValue = RunConfig.DEFAULT_DATA,
            description = "digits (embedded 8x8, default), fashion-mnist or idx:DIR (four MNIST-style IDX files)")
    String data;

    @Option(names = "--hidden", paramLabel = "SIZES", hideParamSyntax = true, split = ",", converter = Converters.PositiveInt.class,
            description = "hidden layer sizes, e.g. 512,512 (default 128,128 on digits, 512,512 otherwise)")
    int[] hidden;

    @Option(names = "--epochs", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "training epochs (default on digits: 80 for temporal, 30 for the others; 10 otherwise)")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", converter = Converters.PositiveInt.class,
            defaultValue = "" + RunConfig.DEFAULT_BATCH, description = "batch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", paramLabel = "X", converter = Converters.PositiveNumber.class,
            defaultValue = "" + RunConfig.DEFAULT_LR, description = "Adam learning rate (default ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--delay-lr", paramLabel = "X", converter = Converters.PositiveNumber.class,
            description = "Adam rate of the delays (default: --lr)")
    double delayLr;

    @Option(names = "--leak-lr", paramLabel = "X", converter = Converters.PositiveNumber.class,
            description = "Adam rate of the leaks (default: --lr)")
    double leakLr;

    @Option(names = "--seed", paramLabel = "N", converter = Converters.WholeNumber.class, defaultValue = "0",
            description = "seed of initialization, batch order and noise (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--rule", paramLabel = "SPEC",
            description = "learning rule: bptt (default), fired-only, l1=A, hebbian=E, three-factor[=ETA], combined with +")
    String rule;

    /** A built-in family named {@code model}, at these options. */
    RunConfig builtIn(String model) {
        Architecture arch;
        try {
            arch = Architecture.parse(model);
        } catch (IllegalArgumentException e) {
            throw new CliException("--model: " + e.getMessage());
        }
        int n = epochs != null ? epochs : RunConfig.defaultEpochs(data, arch);
        RunConfig c = RunConfig.builtIn(data, arch, hidden != null ? hidden : RunConfig.defaultHidden(data), n, batch, lr, seed)
                .withRule(rule).withRates(delayLr, leakLr);
        c.learningRule();
        return c;
    }
}
