package dev.backprop.cli;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Backends;
import dev.backprop.backend.KernelPaths;
import dev.backprop.backend.ProviderReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code backprop backends}: what discovery found, what it would choose, and what each backend accelerates. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "Lists the registered backends (priority, usable or not and why, precisions, threading), "
                + "which one is chosen by default, and for each usable one which operations run its own kernels "
                + "and which run the contract's portable defaults.")
final class BackendsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(Backends.describe());
        out.println();
        out.println("kernels (f64, 1 thread): the backend's own, or the contract's portable defaults built from its core");
        for (ProviderReport r : Backends.providers()) {
            if (!r.usable() || r.provider().isEmpty()) {
                continue;
            }
            out.println("  " + r.name() + ":");
            try (Backend be = r.provider().get().create(BackendConfig.defaults())) {
                KernelPaths paths = be.kernelPaths();
                paths.summary().lines().forEach(line -> out.println("    " + line));
            } catch (RuntimeException | LinkageError e) {
                out.println("    (could not start: " + e.getMessage() + ")");
            }
        }
        out.flush();
        return 0;
    }
}
