package dev.backprop.cli;

import dev.backprop.backend.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code backprop backends}: what discovery found and what it would choose. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "Lists the registered backends (priority, usable or not and why, precisions, threading) "
                + "and which one is chosen by default.")
final class BackendsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(Backends.describe());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
