package dev.backprop.examples;

import dev.backprop.io.ModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every example's {@code main} as the README shows it (the data paths given relative to this module, where
 * Maven runs the tests) and checks what it prints: the examples must not only compile but work.
 */
class ExamplesTest {

    static final Path MNIST = Path.of(System.getProperty("backprop.shared.dir", "../../shared"), "data", "mnist");

    @FunctionalInterface
    interface Main {
        void run(String[] args) throws Exception;
    }

    static String run(Main main, String... args) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            main.run(args);
        } finally {
            System.setOut(saved);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in:%n%s", regex, text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void quickStartClassifiesTheRingsAndSavesAModelWithItsContext(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("rings.safetensors");
        String out = run(QuickStart::main, "data/rings.csv", model.toString());
        assertThat(out).contains("epoch 40/40").containsPattern("(?m)^inner +precision");
        assertThat(number(out, "accuracy (\\S+) \\(")).isGreaterThanOrEqualTo(0.95);
        var context = ModelFiles.read(model).context();
        assertThat(context.classNames()).containsExactly("inner", "middle", "outer");
        assertThat(context.featureNames()).containsExactly("x", "y");
        assertThat(context.scaling()).isNotNull();
    }

    @Test
    void theRegressionExampleGetsNearTheNoiseFloor() throws Exception {
        String out = run(RegressionExample::main, "data/waves.csv");
        assertThat(number(out, "test RMSE (\\S+)  MAE")).isLessThan(0.2);   // the targets' std is about 0.9
        assertThat(number(out, "R² (\\S+)")).isGreaterThan(0.95);
    }

    @Test
    void theGradientsAgreeWithFiniteDifferences() throws Exception {
        String out = run(InspectGradients::main);
        assertThat(out).contains("Δ[1] is 8×10, ∂C/∂W[2] is 3×8");
        assertThat(number(out, "worst relative error (\\S+) at")).isLessThan(1e-6);
    }

    @Test
    void customFunctionsTrain() throws Exception {
        String out = run(CustomFunctions::main);
        assertThat(number(out, "RMSE (\\S+)")).isLessThan(0.15);          // |x| on [−1, 1]: std 0.29
    }

    @Test
    void mnistLearnsInOneShortEpoch() throws Exception {
        String out = run(MnistExample::main, MNIST.toString());
        assertThat(number(out, "test accuracy (\\S+) \\(")).isGreaterThan(0.85);
    }

    @Test
    void adamWithEarlyStoppingLearnsInTwoShortEpochs() throws Exception {
        String out = run(AdamEarlyStopping::main, MNIST.toString(), "2", "5000");
        assertThat(out).contains("best epoch");
        assertThat(number(out, "test accuracy (\\S+) \\(")).isGreaterThan(0.85);
    }
}
