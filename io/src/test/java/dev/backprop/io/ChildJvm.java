package dev.backprop.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The test programs that must run in a JVM of their own: to be killed mid-write, to be a later process than the
 * one that wrote, or to have a small heap. {@code main}'s first argument picks one.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * {@code write-and-hang FILE}: starts writing FILE through AtomicFiles, 1 MB, says "writing" and blocks forever;
     * {@code clean FILE}: removes FILE's stale temporary files and prints each;
     * {@code read-network2 FILE}: reads a network2 JSON file and prints its description.
     */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        switch (args[0]) {
            case "write-and-hang" -> AtomicFiles.write(file, out -> {
                out.write(new byte[1 << 20]);
                out.flush();
                System.out.println("writing");
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            });
            case "clean" -> AtomicFiles.removeStaleTemporaries(file).forEach(p -> System.out.println("removed " + p));
            case "read-network2" -> System.out.println(Network2Json.read(file).describe());
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** Starts {@code main} with {@code args} in a new JVM with {@code jvmFlags}, on this JVM's class path. */
    static Process start(List<String> jvmFlags, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ChildJvm.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Runs to the end and returns exit code and output. */
    static Result run(List<String> jvmFlags, String... args) throws IOException, InterruptedException {
        Process p = start(jvmFlags, args);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish: " + out);
        }
        return new Result(p.exitValue(), out);
    }

    /** Waits for the child's first line of output. */
    static String firstLine(Process p) throws IOException {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    record Result(int exitCode, String output) {
    }

    static List<Path> temporaries(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
