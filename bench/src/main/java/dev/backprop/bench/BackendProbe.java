package dev.backprop.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Backends;
import dev.backprop.backend.Precision;
import dev.backprop.backend.ProviderReport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Which backends a benchmark fork will find, asked of a JVM started exactly like one ({@link BenchJvm#FLAGS},
 * same class path). The runner's own JVM may lack {@code --add-modules jdk.incubator.vector}, so its own
 * discovery could disagree with the forks'.
 */
public final class BackendProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;

    /**
     * One registered backend as a fork sees it.
     *
     * @param name         the provider's name
     * @param usable       whether a fork can create it
     * @param reason       what it runs on, or why it is unusable and how to fix that
     * @param precisions   {@code f64}/{@code f32} it supports
     * @param descriptions {@link Backend#description()} per {@code f64/1t}, {@code f32/2t}…, for the report's
     *                     machine section (SIMD species, library versions, threads)
     */
    public record Probed(String name, boolean usable, String reason, List<String> precisions,
                         Map<String, String> descriptions) {
    }

    private BackendProbe() {
    }

    /** Prints the JSON list of {@link Probed} backends of this JVM. */
    public static void main(String[] args) throws IOException {
        System.out.println(JSON.writeValueAsString(discover()));
    }

    /** The backends of this JVM: usable ones created once per precision and 1 and 2 threads, for their descriptions. */
    static List<Probed> discover() {
        List<Probed> out = new ArrayList<>();
        for (ProviderReport r : Backends.providers()) {
            List<String> precisions = new ArrayList<>();
            for (Precision p : Precision.values()) {
                if (r.precisions().contains(p)) {
                    precisions.add(p.shortName());
                }
            }
            Map<String, String> descriptions = new LinkedHashMap<>();
            boolean usable = r.usable();
            String reason = r.availability().reason();
            if (usable) {
                try {
                    for (String p : precisions) {
                        for (int threads = 1; threads <= 2; threads++) {
                            try (Backend be = Backends.createNamed(r.name(), BackendConfig.of(Precision.parse(p), threads))) {
                                descriptions.put(p + "/" + threads + "t", be.description());
                            }
                        }
                    }
                } catch (RuntimeException | LinkageError e) {
                    usable = false;
                    reason = "failed to start: " + e;
                }
            }
            out.add(new Probed(r.name(), usable, reason, precisions, descriptions));
        }
        return out;
    }

    /** Runs {@link #main} in a new JVM with the fork's flags and class path and reads its answer. */
    public static List<Probed> inForkedJvm() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(BenchJvm.FLAGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BackendProbe.class.getName());
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] output = readAll(process.getInputStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the backend probe JVM did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("the backend probe JVM exited with " + process.exitValue()
                        + " (its error output is above); command: " + String.join(" ", command));
            }
            return JSON.readValue(new String(output, StandardCharsets.UTF_8), new TypeReference<List<Probed>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("could not run the backend probe JVM (" + e.getMessage() + "); command: "
                    + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing the backends", e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
