package dev.backprop.bench.report;

import dev.backprop.bench.AtomicWrite;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The report step: reads a results directory (JMH JSON files under {@code jmh/}, the runner's
 * {@value RunInfo#FILE}, and {@code peers.json} when the run had peers) and writes the markdown page, its
 * charts in a folder named after the page ({@code docs/benchmarks.md} → {@code docs/benchmarks/}) and
 * {@code headline.md}, the headline table alone for the README.
 */
public final class Report {

    /** The peers file's name inside a results directory. */
    public static final String PEERS_FILE = "peers.json";
    /** The headline table alone, beside the charts. */
    public static final String HEADLINE_FILE = "headline.md";

    private Report() {
    }

    /**
     * Writes the report of {@code resultsDir} to {@code page} and prints the headline table to {@code out}.
     *
     * @param peersFile a peers file to use instead of the directory's own, or null
     * @return the files written
     */
    public static List<Path> generate(Path resultsDir, Path peersFile, Path page, PrintStream out) throws IOException {
        if (!Files.isDirectory(resultsDir)) {
            throw new IOException(resultsDir + ": not a results directory (the runner writes them under bench/results/)");
        }
        List<JmhResult> results = readResults(resultsDir);
        Path runFile = resultsDir.resolve(RunInfo.FILE);
        RunInfo run = Files.exists(runFile) ? RunInfo.read(runFile) : null;
        Path peersPath = peersFile != null ? peersFile : resultsDir.resolve(PEERS_FILE);
        Peers peers = peersFile != null || Files.exists(peersPath) ? Peers.read(peersPath) : Peers.none();
        Figures figures = Figures.of(results);
        Set<String> jdks = new LinkedHashSet<>();
        results.forEach(r -> jdks.add(r.vm() + " (JDK " + r.jdkVersion() + ")"));

        String stem = page.getFileName().toString().replaceFirst("\\.md$", "");
        Path chartDir = page.toAbsolutePath().getParent().resolve(stem);
        ReportWriter writer = new ReportWriter(figures, run, peers, List.copyOf(jdks), stem + "/");
        List<Path> written = new ArrayList<>();
        Set<String> charts = new LinkedHashSet<>();
        String machine = run == null ? "" : ", " + run.cpu() + ", " + run.cores() + " cores";
        Optional<byte[]> step = Charts.trainStep(writer.headlineSteps(), peers, "Training step "
                + ReportWriter.HEADLINE_NETWORK + ", batch " + ReportWriter.HEADLINE_BATCH + machine);
        if (step.isPresent()) {
            written.add(write(chartDir.resolve(Charts.TRAIN_STEP), step.get()));
            charts.add(Charts.TRAIN_STEP);
        }
        Optional<byte[]> gemm = Charts.gemmBySize(figures.gemms(), "Square GEMM" + machine);
        if (gemm.isPresent()) {
            written.add(write(chartDir.resolve(Charts.GEMM_BY_SIZE), gemm.get()));
            charts.add(Charts.GEMM_BY_SIZE);
        }
        String headline = writer.headlineTable();
        AtomicWrite.text(chartDir.resolve(HEADLINE_FILE), headline);
        written.add(chartDir.resolve(HEADLINE_FILE));
        AtomicWrite.text(page, writer.markdown(charts));
        written.add(page);

        out.println("Headline (" + ReportWriter.HEADLINE_NETWORK + ", batch " + ReportWriter.HEADLINE_BATCH
                + "), for the README:");
        out.println();
        out.print(headline);
        out.println();
        written.forEach(p -> out.println("wrote " + p));
        return written;
    }

    /** Every JMH result under {@code dir/jmh}, with an error when there is none. */
    static List<JmhResult> readResults(Path dir) throws IOException {
        Path jmh = dir.resolve("jmh");
        List<JmhResult> out = new ArrayList<>();
        if (Files.isDirectory(jmh)) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(jmh, "*.json")) {
                s.forEach(files::add);
            }
            files.sort(null);
            for (Path f : files) {
                out.addAll(JmhResult.read(f));
            }
        }
        if (out.isEmpty()) {
            throw new IOException(dir + ": no JMH results in " + jmh + " (expected *.json written with -rf json)");
        }
        return out;
    }

    private static Path write(Path file, byte[] content) throws IOException {
        AtomicWrite.bytes(file, content);
        return file;
    }
}
