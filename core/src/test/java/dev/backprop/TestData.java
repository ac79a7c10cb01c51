package dev.backprop;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Where tests find the real data sets: {@code $BACKPROP_SHARED_DIR/data/…}, else the {@code backprop.shared.dir}
 * system property (Surefire sets it to {@code ../shared} beside the repository). Without the data a test is
 * skipped on a developer's machine but fails under CI ({@code CI=true}), where the data must be present.
 */
public final class TestData {

    private TestData() {
    }

    public static Path sharedDir() {
        String env = System.getenv("BACKPROP_SHARED_DIR");
        String prop = System.getProperty("backprop.shared.dir");
        return Path.of(env != null ? env : prop != null ? prop : "../shared").toAbsolutePath().normalize();
    }

    public static Path mnistDir() {
        return required(sharedDir().resolve("data/mnist"));
    }

    public static Path fashionMnistDir() {
        return required(sharedDir().resolve("data/fashion-mnist"));
    }

    private static Path required(Path dir) {
        if (!Files.isDirectory(dir)) {
            String message = dir + " is missing: put the shared data beside the repository (../shared) or set "
                    + "BACKPROP_SHARED_DIR";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.assumeTrue(false, message);
        }
        return dir;
    }
}
