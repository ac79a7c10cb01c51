package dev.backprop.readme;

import org.junit.jupiter.api.Test;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The README's library example of Adam with early stopping compiles against this build: the very text of the
 * README's code block, wrapped in a method with the imports it needs, compiled with the JDK's compiler on the
 * tests' class path. (There is no {@code examples} module in this branch to run it; its behaviour is covered by
 * the training tests.)
 */
class ReadmeExamplesCompileTest {

    private static final String IMPORTS = """
            import dev.backprop.backend.*;
            import dev.backprop.data.*;
            import dev.backprop.nn.*;
            import dev.backprop.train.*;
            import java.nio.file.Path;
            """;

    @Test
    void theAdamAndEarlyStoppingExampleCompiles(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        String block = javaBlockContaining("OptimizerConfig.adam(");
        assertThat(block).contains("EarlyStopping.patience(Monitor.validationAccuracy(), 10)");
        Path source = dir.resolve("AdamExample.java");
        Files.writeString(source, IMPORTS + "class AdamExample {\n    static void run() throws Exception {\n" + block
                + "\n    }\n}\n", StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, "-d", dir.toString(), "-cp", testClassPath(), source.toString());
        assertEquals(0, status, "the README's example does not compile:\n" + errors.toString(StandardCharsets.UTF_8)
                + "\n" + block);
    }

    /** The README's ```java block that contains {@code marker}. */
    static String javaBlockContaining(String marker) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).contains(marker)) {
                found.add(m.group(1));
            }
        }
        assertEquals(1, found.size(), "the README has " + found.size() + " java blocks with " + marker);
        return found.get(0);
    }

    /** Surefire's real class path (its booter jar's manifest hides it from java.class.path). */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }
}
