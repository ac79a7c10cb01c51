package dev.backprop.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code backprop download}: fetches MNIST or Fashion-MNIST and verifies every file's md5. */
@Command(name = "download", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Downloads the four IDX files of MNIST or Fashion-MNIST from a public mirror and checks each "
                + "against its published size and md5; files already present with the right sum are kept.",
                "Each file is written to a temporary name (.NAME.PID.HEX.part, one per download) and moved into "
                        + "place once its sum matches. A connection that drops or stalls for --timeout seconds is "
                        + "resumed where it broke, up to " + Downloader.RESUMPTIONS + " times; what was received "
                        + "is kept, and the next run resumes from it."},
        footer = {"", "Example:", "  backprop download mnist && backprop train --preset nielsen-ch1"})
final class DownloadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "mnist|fashion-mnist", description = "The data set.")
    String name;

    @Option(names = "--to", paramLabel = "DIR",
            description = "Where to put the files (default: $BACKPROP_DATA/NAME, else data/NAME, where train looks).")
    Path to;

    @Option(names = "--mirror", paramLabel = "URL", description = "Base URL that serves the four files "
            + "(default: mnist https://ossci-datasets.s3.amazonaws.com/mnist/, "
            + "fashion-mnist http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/).")
    String mirror;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "30",
            description = "Seconds to wait for data (connecting, or mid-file) before the connection counts as "
                    + "stalled (default: ${DEFAULT-VALUE}).")
    double timeout;

    @Option(names = "--progress", paramLabel = "auto|always|never", defaultValue = "auto",
            description = "Progress bars: auto draws them on a terminal only (default: ${DEFAULT-VALUE}).")
    Progress.Mode progress;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Downloader.DataSet set = Downloader.SETS.get(name.toLowerCase(Locale.ROOT));
        Usage.require(spec, set != null, "unknown data set '" + name + "'; use mnist or fashion-mnist");
        Usage.require(spec, timeout >= 0.001 && timeout <= 3600, "--timeout " + timeout + ": must be between "
                + "0.001 and 3600 seconds");
        URI base;
        try {
            base = mirror != null ? URI.create(mirror.endsWith("/") ? mirror : mirror + "/") : set.defaultMirror();
            base.toURL();
        } catch (IllegalArgumentException | java.net.MalformedURLException e) {
            throw Usage.error(spec, "--mirror " + mirror + ": not a URL (" + e.getMessage() + "); give one such as "
                    + "https://example.org/mnist/");
        }
        Path dir = to != null ? to : DataSpec.defaultDirectory(set.name());
        Downloader downloader = new Downloader(new Progress(progress, spec.commandLine().getErr()),
                java.time.Duration.ofMillis(Math.round(timeout * 1000)));
        out.printf("%s from %s to %s%n", set.name(), base, dir);
        out.flush();
        for (Map.Entry<String, Downloader.KnownFile> f : set.files().entrySet()) {
            Downloader.Outcome o = downloader.fetch(base, f.getKey(), f.getValue(), dir);
            out.printf("  %-28s md5 %s ok%s%n", f.getKey(), f.getValue().md5(),
                    o == Downloader.Outcome.ALREADY_PRESENT ? " (already there)" : "");
            out.flush();
        }
        out.printf("done: train with --data %s%s%n", set.name(), to != null ? ":" + dir : "");
        return 0;
    }
}
