package org.thousandbrains.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of the {@code ./tb} launcher: the picocli command {@code tb} with one subcommand per task
 * ({@code tb help} or {@code tb COMMAND --help} lists the options). Every error is one line on stderr,
 * {@code tb COMMAND: message}: exit status 2 for a usage error (an unknown or misspelt option, with picocli's
 * suggestion, or a bad value naming the option), {@link CliException#status()} for a user error found while
 * running (2 unless it says otherwise, e.g. 130 for an interrupted {@code tb train}), 1 for any other failure,
 * with a stack trace only under {@code TB_DEBUG=1}.
 */
@Command(name = "tb", description = "thousandBrains: brain-inspired networks as graphs, run by one temporal operator.",
        synopsisSubcommandLabel = "COMMAND", footer = "tb COMMAND --help shows a command's options.",
        subcommands = {InfoCommand.class, ConvertCommand.class, VerifyCommand.class, BenchCommand.class, TrainCommand.class,
                EvalCommand.class, CompareCommand.class, ExperimentCommand.class, SimulateCommand.class, HelpCommand.class})
public final class Tb implements Callable<Integer> {
    /** Exit status of a usage error. */
    public static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    private Tb() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit status (used by tests too); writes to the current System.out/err. */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        CommandLine cl = commandLine().setOut(out).setErr(err);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            ParseResult parsed = cl.getParseResult();
            return failure(e, parsed == null ? cl : deepest(parsed).commandSpec().commandLine());
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * The {@code tb} command line with its error handlers, writing to stdout and stderr. As before picocli, an
     * option given twice takes its last value, and an argument starting with {@code @} is a file name, not an
     * argument file.
     */
    static CommandLine commandLine() {
        return withHelpOption(new CommandLine(new Tb())).setOverwrittenOptionsAllowed(true).setExpandAtFiles(false)
                .setParameterExceptionHandler(Tb::usageError)
                .setExecutionExceptionHandler((e, sub, parsed) -> failure(e, sub));
    }

    /** {@code tb} alone: the list of commands, and the status of a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return USAGE;
    }

    /** Gives {@code cl} and each of its subcommands (but {@code tb help}, which has its own) {@code -h, --help}. */
    private static CommandLine withHelpOption(CommandLine cl) {
        cl.getCommandSpec().addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("show this help and exit").build());
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!(sub.getCommand() instanceof HelpCommand)) withHelpOption(sub);
        }
        return cl;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        StringBuilder msg = new StringBuilder(e.getMessage().replace(System.lineSeparator(), " ").strip());
        if (e instanceof UnmatchedArgumentException u && !u.isUnknownOption() && !cl.getSubcommands().isEmpty()) {
            msg = new StringBuilder("unknown command '" + u.getUnmatched().get(0) + "'");
        }
        if (e instanceof UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) msg.append("; did you mean ").append(String.join(" or ", suggestions)).append('?');
        }
        String name = cl.getCommandSpec().qualifiedName(" ");
        cl.getErr().println(name + ": " + msg + " (" + name + " --help)");
        return USAGE;
    }

    private static int failure(Throwable e, CommandLine sub) {
        String name = sub.getCommandSpec().qualifiedName(" ");
        if (e instanceof CliException c) {
            sub.getErr().println(name + ": " + c.getMessage());
            return c.status();
        }
        if ("1".equals(System.getenv("TB_DEBUG"))) e.printStackTrace(sub.getErr());
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        sub.getErr().println(name + ": " + msg.replace('\n', ' '));
        return 1;
    }

    private static ParseResult deepest(ParseResult r) {
        return r.hasSubcommand() ? deepest(r.subcommand()) : r;
    }
}
