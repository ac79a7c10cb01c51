package dev.backprop.cli;

import dev.backprop.memory.MemoryBudget;
import dev.backprop.memory.MemoryLimitException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;

/** {@code backprop}: the top-level command, which only dispatches to its subcommands. */
@Command(name = "backprop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A backpropagation reference engine for the JVM with pluggable math backends.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, DownloadCommand.class,
                BackendsCommand.class, GradcheckCommand.class, CompareCommand.class,
                CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class},
        footer = {"", "Shell completion: source <(backprop generate-completion)   (bash or zsh)",
                "JVM flags, e.g. a larger heap: BACKPROP_JAVA_OPTS=-Xmx8g backprop …",
                "Stack traces of failures: BACKPROP_DEBUG=1 backprop …"})
public final class BackpropCommand implements Callable<Integer> {

    /** Success. */
    static final int OK = 0;
    /** A failure at run time: a file, the data, training, memory. */
    static final int FAILURE = 1;
    /** A usage error: an unknown command or option, or an option's value out of its range. */
    static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a command there is nothing to do: that is a usage error, and the usage goes to stderr. */
    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        cl.getErr().println("backprop: no command given");
        cl.usage(cl.getErr());
        return USAGE;
    }

    /**
     * The configured command line. Every failure is one line on stderr, {@code backprop: …}, that names the
     * problem and the fix (set BACKPROP_DEBUG=1 for the stack trace); the exit code says which kind it was
     * (documented under "Exit codes" in every command's help).
     */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BackpropCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpWidth(100);                           // train's many options wrap mid-word at picocli's 80
        cl.setParameterExceptionHandler(BackpropCommand::usageError);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(commandLine.getErr(), e));
        cl.setExecutionStrategy(parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } catch (OutOfMemoryError e) {               // past every size check: still one line, not a trace
                return failure(parseResult.commandSpec().commandLine().getErr(), e);
            }
        });
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        // gradcheck's own texts for the options it shares with train; loaded here, in this module, because
        // picocli's own lookup cannot see a named module's resources on the module path
        cl.getSubcommands().get("gradcheck").setResourceBundle(ResourceBundle.getBundle("dev.backprop.cli.GradcheckHelp"));
        java.util.List<CommandLine> all = new java.util.ArrayList<>(cl.getSubcommands().values());
        all.add(cl);
        for (CommandLine c : all) {
            c.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes());
            readableListSynopsis(c);
        }
        return cl;
    }

    /**
     * A comma-separated list option (paramLabel {@code N,N,...}, {@code hideParamSyntax}) reads in the synopsis
     * as {@code [--layers=N,N,...]}: picocli would append "..." because an array option may also be repeated,
     * which is true but only noise beside a label that already says "a list".
     */
    private static void readableListSynopsis(CommandLine c) {
        Map<String, CommandLine.IHelpSectionRenderer> sections = c.getHelpSectionMap();
        CommandLine.IHelpSectionRenderer synopsis = sections.get(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS);
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS,
                help -> synopsis.render(help).replace(",...]...", ",...]"));
        c.setHelpSectionMap(sections);
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(" " + OK, "success");
        codes.put(" " + FAILURE, "failure while running: a file, the data, training, memory");
        codes.put(" " + USAGE, "usage error: unknown command or option, a value out of range");
        return codes;
    }

    /** One line: {@code backprop train: MESSAGE (see backprop train --help)}; exit 2. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        StringBuilder line = new StringBuilder(name).append(": ").append(e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            line.append(" (did you mean ").append(String.join(" or ", u.getSuggestions())).append("?)");
        }
        err.println(line.append("; see '").append(name).append(" --help'"));
        if (System.getenv("BACKPROP_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return USAGE;
    }

    /**
     * One line for a failure while running: the message of errors a user can act on (bad files, sizes, settings);
     * for memory, how to give Java more; for anything else, a bug, what it was and how to see where.
     */
    static int failure(PrintWriter err, Throwable e) {
        err.println("backprop: " + describe(e));
        if (System.getenv("BACKPROP_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
    }

    static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return describe(u.getCause());
        }
        if (e instanceof OutOfMemoryError) {
            long max = Runtime.getRuntime().maxMemory();
            return "out of memory (" + e.getMessage() + "; the heap's limit is " + MemoryBudget.format(max)
                    + "): give Java more memory with BACKPROP_JAVA_OPTS=-Xmx" + Math.max(2, 2 * (max >> 30)) + "g, "
                    + "or use smaller sizes (layers, --batch, data)";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getFile() != null && !fs.getFile().contains(": ")) {
            try {                                     // the JDK's: the path alone, or the path and a terse reason
                return fs.getFile() + ": " + dev.backprop.io.FileProblems.cause(fs, java.nio.file.Path.of(fs.getFile()));
            } catch (java.nio.file.InvalidPathException notAPath) {
                // fall through to the message as it is
            }
        }
        String message = e.getMessage();
        if (e instanceof MemoryLimitException || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException || e instanceof IOException
                || e instanceof UnsupportedOperationException) {
            if (message != null && !message.isBlank()) {
                return message;
            }
            if (e instanceof IOException io) {
                return dev.backprop.io.FileProblems.cause(io, java.nio.file.Path.of("."));
            }
        }
        return "internal error: " + e + "; please report it (BACKPROP_DEBUG=1 prints the stack trace)";
    }
}
