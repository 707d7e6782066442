package org.thousandbrains.cli;

/** One {@code tb} subcommand. Implementations print results to stdout and throw {@link CliException} on user error. */
public interface Command {
    /** The subcommand word, e.g. {@code info}. */
    String name();

    /** One line for {@code tb help}. */
    String summary();

    /** Runs with the arguments after the subcommand word; returns the exit status. */
    int run(String[] args) throws Exception;
}
