package dev.backprop.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code backprop}: the top-level command, which only dispatches to its subcommands. */
@Command(name = "backprop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A backpropagation reference engine for the JVM with pluggable math backends.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, DownloadCommand.class,
                BackendsCommand.class, GradcheckCommand.class, CompareCommand.class,
                CommandLine.HelpCommand.class})
public final class BackpropCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The configured command line: errors a user can act on (bad options, unreadable files, shape mismatches)
     * print one line naming the problem and exit with 1; set BACKPROP_DEBUG=1 for the stack trace.
     */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BackpropCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("backprop: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            if (System.getenv("BACKPROP_DEBUG") != null) {
                e.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        return cl;
    }
}
