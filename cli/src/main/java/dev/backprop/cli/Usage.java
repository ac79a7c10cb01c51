package dev.backprop.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.function.Function;

/**
 * Usage errors found after parsing (a value out of its range, an unknown name): thrown as picocli's
 * {@link CommandLine.ParameterException}, so that they print one line and exit with 2 like parse errors do.
 */
final class Usage {

    private Usage() {
    }

    static CommandLine.ParameterException error(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Throws {@code message} as a usage error unless {@code ok}. */
    static void require(CommandSpec spec, boolean ok, String message) {
        if (!ok) {
            throw error(spec, message);
        }
    }

    /** {@code lookup(value)}, with its IllegalArgumentException (an unknown name) turned into a usage error. */
    static <T> T named(CommandSpec spec, String value, Function<String, T> lookup) {
        try {
            return lookup.apply(value);
        } catch (IllegalArgumentException e) {
            throw error(spec, e.getMessage());
        }
    }
}
