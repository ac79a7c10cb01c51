package dev.backprop.cli;

/** Entry point of the {@code backprop} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line and returns its exit code: 0 success, 1 failure while running, 2 usage error (see
     * {@link BackpropCommand#commandLine()}).
     */
    public static int run(String... args) {
        return BackpropCommand.commandLine().execute(args);
    }
}
