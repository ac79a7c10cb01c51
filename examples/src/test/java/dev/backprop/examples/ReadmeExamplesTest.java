package dev.backprop.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README cannot drift from the code it shows: each of its Java blocks is, character for character, a whole
 * file (an example of this module, or the conformance kit's own test class), each example is shown or linked,
 * and its Python snippet is the file the PyTorch test runs.
 */
class ReadmeExamplesTest {

    static final Path README = Path.of("../README.md");
    static final Path SOURCES = Path.of("src/main/java/dev/backprop/examples");
    static final Path KIT_EXAMPLE = Path.of("../tck/src/test/java/dev/backprop/tck/ScalarBackendConformanceTest.java");

    static List<String> blocks(String language) throws IOException {
        Matcher m = Pattern.compile("(?ms)^```" + language + "\\n(.*?)^```$").matcher(Files.readString(README));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyJavaBlockIsAWholeExampleAndEveryExampleIsShownOrLinked() throws IOException {
        String readme = Files.readString(README);
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path f : files.sorted().toList()) {
                String text = Files.readString(f);
                sources.add(text);
                assertThat(blocks("java").contains(text)
                        || readme.contains("](examples/src/main/java/dev/backprop/examples/" + f.getFileName() + ")"))
                        .as("%s is neither shown whole in the README nor linked from it", f.getFileName()).isTrue();
            }
        }
        sources.add(Files.readString(KIT_EXAMPLE));
        assertThat(blocks("java")).isNotEmpty();
        for (String block : blocks("java")) {
            assertThat(sources).as("a README Java block that is not a whole example file:%n%s", block).contains(block);
        }
    }

    @Test
    void thePythonBlockIsTheSnippetTheTorchTestRuns() throws IOException {
        assertThat(blocks("python")).contains(Files.readString(Path.of("python/backprop_safetensors.py")));
    }
}
