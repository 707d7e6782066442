package org.thousandbrains.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the {@code ./tb} launcher: dispatches to a subcommand. Errors become one line
 * on stderr and a non-zero exit status; a stack trace only with {@code TB_DEBUG=1}.
 */
public final class Tb {
    private static final List<String> COMMANDS = List.of(
            "org.thousandbrains.cli.InfoCommand",
            "org.thousandbrains.cli.ConvertCommand",
            "org.thousandbrains.cli.VerifyCommand",
            "org.thousandbrains.cli.BenchCommand",
            "org.thousandbrains.cli.TrainCommand",
            "org.thousandbrains.cli.EvalCommand",
            "org.thousandbrains.cli.CompareCommand",
            "org.thousandbrains.cli.ExperimentCommand");

    private Tb() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit status (used by tests too). */
    public static int run(String[] args) {
        Map<String, Command> commands = commands();
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println("usage: tb COMMAND [ARGS]  (tb COMMAND --help for its options)");
            for (Command c : commands.values()) {
                System.out.printf("  %-10s %s%n", c.name(), c.summary());
            }
            return args.length == 0 ? 2 : 0;
        }
        Command c = commands.get(args[0]);
        if (c == null) {
            System.err.println("tb: unknown command '" + args[0] + "' (try: tb help)");
            return 2;
        }
        try {
            return c.run(Arrays.copyOfRange(args, 1, args.length));
        } catch (CliException e) {
            System.err.println("tb " + c.name() + ": " + e.getMessage());
            return e.status();
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            if ("1".equals(System.getenv("TB_DEBUG"))) e.printStackTrace();
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            System.err.println("tb " + c.name() + ": " + msg.replace('\n', ' '));
            return 1;
        }
    }

    private static Map<String, Command> commands() {
        Map<String, Command> map = new LinkedHashMap<>();
        for (String cls : COMMANDS) {
            try {
                Command c = (Command) Class.forName(cls).getDeclaredConstructor().newInstance();
                map.put(c.name(), c);
            } catch (ReflectiveOperationException e) {
                // not part of this build
            }
        }
        return map;
    }
}
