package org.thousandbrains.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thousandbrains.experiments.CliRun;
import org.thousandbrains.model.Architecture;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.ops.Strategy;

import picocli.CommandLine;

/**
 * The {@code tb} command line without training anything: every command keeps the options it had before picocli
 * (the lists are written out here), values arrive converted as given, and mistakes are one line on stderr with
 * exit status 2 naming the option (with a suggestion for a misspelt one).
 */
class TbCommandLineTest {
    @TempDir
    Path tmp;

    /** Every command's options, written out from the command line as it was before picocli (plus -h/--help). */
    private static final Map<String, List<String>> SURFACE = Map.of(
            "train", List.of("--data", "--model", "--hidden", "--topology", "--map", "--steps", "--readout-k", "--epochs", "--batch",
                    "--lr", "--delay-lr", "--leak-lr", "--seed", "--threads", "--out", "--graphml", "--seeds", "--spark", "--data-parallel", "--partitions", "--rule",
                    "--resume", "--checkpoint-every", "--device"),
            "compare", List.of("--models", "--data", "--hidden", "--epochs", "--batch", "--lr", "--delay-lr", "--leak-lr", "--seed",
                    "--threads", "--out", "--rule", "--noise"),
            "eval", List.of("--checkpoint", "--data", "--noise", "--seed", "--threads", "--json"),
            "experiment", List.of("--list", "--seed", "--seeds", "--out", "--epochs", "--quick", "--spark", "--threads"),
            "info", List.of("--map", "--json"),
            "convert", List.of("--map"),
            "simulate", List.of("--map", "--directed", "--no-connectome-defaults", "--steps", "--drive", "--pattern",
                    "--normalize", "--threshold", "--record", "--precision", "--threads", "--out", "--summary-only", "--json"),
            "verify", List.of("--precision", "--strategy", "--threads"),
            "bench propagate", List.of("--nodes", "--edges", "--batch", "--steps", "--backward", "--threads", "--precision", "--repeats",
                    "--seed", "--json", "--device"),
            "bench spmm", List.of("--nodes", "--edges", "--batch", "--threads", "--repeats", "--seed", "--json", "--device"));

    private static CommandLine command(String path) {
        CommandLine cl = Tb.commandLine();
        for (String word : path.split(" ")) cl = cl.getSubcommands().get(word);
        return cl;
    }

    /** The object of {@code command} (e.g. {@code bench propagate}) with {@code args} parsed into its fields by {@code tb}. */
    private static <T> T parsed(Class<T> type, String command, String... args) {
        CommandLine tb = Tb.commandLine();
        List<String> all = new ArrayList<>(List.of(command.split(" ")));
        all.addAll(List.of(args));
        CommandLine.ParseResult r = tb.parseArgs(all.toArray(String[]::new));
        while (r.hasSubcommand()) r = r.subcommand();
        return type.cast(r.commandSpec().commandLine().getCommand());
    }

    @Test
    void everyCommandKeepsItsOptions() {
        for (Map.Entry<String, List<String>> e : SURFACE.entrySet()) {
            Set<String> expected = new TreeSet<>(e.getValue());
            expected.addAll(List.of("-h", "--help"));
            assertEquals(expected, new TreeSet<>(command(e.getKey()).getCommandSpec().optionsMap().keySet()), e.getKey());
            CliRun help = CliRun.tb((e.getKey() + " --help").split(" "));
            assertEquals(0, help.status(), help.err());
            assertTrue(help.out().startsWith("Usage: tb " + e.getKey()), help.out());
            for (String option : e.getValue()) assertTrue(help.out().contains(option), e.getKey() + " --help names " + option);
        }
        assertEquals(Set.of("info", "convert", "verify", "bench", "train", "eval", "compare", "experiment", "simulate", "help"),
                Tb.commandLine().getSubcommands().keySet());
    }

    @Test
    void tbAloneListsTheCommandsAsAUsageErrorAndHelpSucceeds() {
        CliRun alone = CliRun.tb();
        assertEquals(2, alone.status());
        for (String c : List.of("info", "convert", "verify", "bench", "train", "eval", "compare", "experiment")) {
            assertTrue(alone.out().contains("  " + c + " "), c + " listed:\n" + alone.out());
        }
        assertEquals(alone.out(), CliRun.tb("help").out());
        assertEquals(0, CliRun.tb("help").status());
        assertEquals(0, CliRun.tb("--help").status());
        CliRun trainHelp = CliRun.tb("help", "train");
        assertEquals(0, trainHelp.status());
        assertEquals(CliRun.tb("train", "--help").out(), trainHelp.out());
        CliRun bench = CliRun.tb("bench");
        assertEquals(2, bench.status());
        assertTrue(bench.out().contains("propagate") && bench.out().contains("spmm"), bench.out());
    }

    @Test
    void trainValuesArriveAsGiven() {
        RunConfig c = parsed(TrainCommand.class, "train", "--model", "sparse", "--hidden", "32,16", "--epochs=3", "--batch", "64", "--lr", "0.01",
                "--delay-lr", "0.1", "--leak-lr", "0.05", "--seed", "-2", "--rule", "l1=0.001").config();
        assertEquals("digits", c.data());
        assertEquals(Architecture.SPARSE, c.model());
        assertArrayEquals(new int[] {32, 16}, c.hidden());
        assertEquals(3, c.epochs());
        assertEquals(64, c.batch());
        assertEquals(0.01, c.lr());
        assertEquals(0.1, c.delayLr());
        assertEquals(0.05, c.leakLr());
        assertEquals(-2, c.seed());
        assertEquals("l1=0.001", c.rule());

        RunConfig defaults = parsed(TrainCommand.class, "train").config();
        assertEquals(5, parsed(TrainCommand.class, "train", "--epochs", "3", "--epochs", "5").config().epochs(), "the last value counts");
        assertEquals(Architecture.TEMPORAL, defaults.model());
        assertArrayEquals(new int[] {128, 128}, defaults.hidden());
        assertEquals(80, defaults.epochs(), "the temporal family's epochs on the digits");
        assertEquals(128, defaults.batch());
        assertEquals(1e-3, defaults.lr());
        assertEquals(0, defaults.seed());
        assertEquals(0.0, defaults.delayLr(), "unset: the weights' rate");
        assertNull(defaults.rule());

        RunConfig t = parsed(TrainCommand.class, "train", "--topology", "g.graphml", "--map", "weight=a*2", "--map=delay=b", "--steps", "6",
                "--readout-k", "3", "--data", "fashion-mnist").config();
        assertEquals("g.graphml", t.topology());
        assertNull(t.model());
        assertEquals(List.of("weight=a*2", "delay=b"), t.maps());
        assertEquals(6, t.steps());
        assertEquals(3, t.readoutK());
        assertEquals(10, t.epochs());
        assertEquals("fashion-mnist", t.data());
    }

    @Test
    void otherCommandsValuesArriveAsGiven() {
        ExperimentCommand x = parsed(ExperimentCommand.class, "experiment", "horizontal-leak", "--seeds", "0,1,2", "--quick", "--epochs", "2");
        assertEquals("horizontal-leak", x.name);
        assertEquals(List.of(0L, 1L, 2L), x.seeds);
        assertTrue(x.quick);
        assertEquals(2, x.epochs);
        EvalCommand e = parsed(EvalCommand.class, "eval", "--checkpoint", "c.tbck", "--noise", "0,0.25,1", "--seed", "7", "--json");
        assertEquals(Path.of("c.tbck"), e.file);
        assertArrayEquals(new double[] {0, 0.25, 1}, e.levelsOption);
        assertEquals(7L, e.seedOption);
        assertTrue(e.jsonOnly);
        assertNull(parsed(EvalCommand.class, "eval", "--checkpoint", "c.tbck").levelsOption, "unset: the default levels");
        assertEquals(List.of("dense", "units"), parsed(CompareCommand.class, "compare", "--models", "dense,units").models);
        assertEquals(List.of("dense", "sparse", "units"), parsed(CompareCommand.class, "compare").models);
        VerifyCommand v = parsed(VerifyCommand.class, "verify", "a.json", "b.json", "--precision", "FP32", "--strategy", "csr", "--threads", "3");
        assertEquals(List.of(Path.of("a.json"), Path.of("b.json")), v.files);
        assertEquals(Precision.FLOAT32, v.precision);
        assertEquals(Strategy.CSR, v.strategy);
        assertEquals(3, v.threads);
        assertEquals(Precision.FLOAT64, parsed(VerifyCommand.class, "verify", "a.json").precision);
        BenchCommand.Propagate p = parsed(BenchCommand.Propagate.class, "bench propagate", "--nodes", "100", "--edges", "1_000_000", "--batch", "4",
                "--steps", "8", "--backward");
        assertEquals(1_000_000L, p.shape.edges);
        assertEquals(8, p.steps);
        assertTrue(p.backward);
        assertEquals(5, p.shape.repeats);
        assertEquals(42, p.shape.seed);
        assertEquals(Precision.FLOAT32, p.precision);
    }

    /** One line on stderr, nothing on stdout, status 2. */
    private static String usageError(String... args) {
        CliRun r = CliRun.tb(args);
        assertEquals(2, r.status(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        return r.err().strip();
    }

    @Test
    void mistakesNameTheOptionAndSuggestTheSpelling() {
        assertEquals("tb train: Unknown options: '--epoch', '3'; did you mean --epochs? (tb train --help)",
                usageError("train", "--epoch", "3"));
        assertEquals("tb: unknown command 'trian'; did you mean train or verify or experiment? (tb --help)", usageError("trian"));
        assertEquals("tb train: Invalid value for option '--epochs': must be >= 1, got 0 (tb train --help)",
                usageError("train", "--epochs", "0"));
        assertEquals("tb train: Invalid value for option '--lr': must be a positive number, got -1 (tb train --help)",
                usageError("train", "--lr", "-1"));
        assertEquals("tb train: Invalid value for option '--hidden' (SIZES): 'x' is not a whole number (tb train --help)",
                usageError("train", "--hidden", "16,x"));
        assertEquals("tb train: Missing required parameter for option '--model' (MODEL)", usageError("train", "--model")
                .replace(" (tb train --help)", ""));
        assertEquals("tb eval: Invalid value for option '--noise' (LEVELS): levels must lie in [0, 1], got 1.5 (tb eval --help)",
                usageError("eval", "--checkpoint", "c.tbck", "--noise", "0,1.5"));
        assertEquals("tb verify: Invalid value for option '--precision': expected float32 or float64, got 'f16' (tb verify --help)",
                usageError("verify", "a.json", "--precision", "f16"));
        assertEquals("tb bench propagate: Missing required options: '--edges=E', '--batch=B', '--steps=T' (tb bench propagate --help)",
                usageError("bench", "propagate", "--nodes", "10"));
        assertEquals("tb bench propagate: Invalid value for option '--threads': 2147483648 is too large (at most 2147483647)"
                + " (tb bench propagate --help)", usageError("bench", "propagate", "--threads", "2147483648"));
        assertEquals("tb convert: Missing required parameter: 'OUT' (tb convert --help)", usageError("convert", "a.csv"));
        assertEquals("tb info: Unmatched argument at index 2: 'b.csv' (tb info --help)", usageError("info", "a.csv", "b.csv"));
    }

    @Test
    void checksAfterParsingKeepTheirMessages() {
        assertEquals("tb train: --resume continues the run as it was configured: drop --epochs",
                usageError("train", "--resume", tmp.toString(), "--epochs", "3"));
        assertEquals("tb train: --resume " + tmp.resolve("none") + ": no such run folder",
                usageError("train", "--resume", tmp.resolve("none").toString(), "--threads", "1"));
        assertEquals("tb train: --steps applies to --topology runs (the built-in models fix their steps)", usageError("train", "--steps", "3"));
        assertEquals("tb train: --topology trains the graph in the file: drop --model and --hidden",
                usageError("train", "--topology", "g.graphml", "--hidden", "8"));
        assertEquals("tb experiment: name an experiment (tb experiment --list names them)", usageError("experiment"));
        assertEquals("tb experiment: --list takes no experiment name", usageError("experiment", "delays", "--list"));
        assertEquals("tb info: cannot read '@net.graphml': no such file", usageError("info", "@net.graphml"), "@ is no argument file");
    }
}
