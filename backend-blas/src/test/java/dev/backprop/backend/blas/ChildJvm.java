package dev.backprop.backend.blas;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fresh JVM on this test's class path (less the entries a test drops), for what one JVM can do only once. */
final class ChildJvm {

    record Result(String out, String err) {
    }

    private ChildJvm() {
    }

    /** This test JVM's real class path (Surefire's, not its manifest-only booter jar). */
    static List<String> classPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.asList(cp.split(File.pathSeparator));
    }

    /** Runs {@code main} in a child JVM with {@code flags}, on the class path without the entries {@code drop} matches. */
    static Result run(Class<?> main, List<String> flags, Predicate<String> drop) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(classPath().stream().filter(drop.negate()).collect(Collectors.joining(File.pathSeparator)));
        cmd.add(main.getName());
        Path errFile = Files.createTempFile("child-jvm", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(errFile.toFile()).start();
            p.getOutputStream().close();
            String o = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
            String e = Files.readString(errFile);
            assertEquals(0, p.exitValue(), () -> "child JVM failed:\n" + o + e);
            return new Result(o, e);
        } finally {
            Files.deleteIfExists(errFile);
        }
    }
}
