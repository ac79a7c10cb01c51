package dev.backprop.backend.vectorapi;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps the hand-written f32 kernels twins of their f64 sources. Java has no generics over primitive arrays,
 * so {@code FloatGemm} and {@code FloatKernels} are copies of {@code DoubleGemm} and {@code DoubleKernels} in
 * float; copies drift. This test translates the f64 source mechanically ({@code double → float},
 * {@code DoubleVector → FloatVector}, {@code 1.0 → 1f}, the bit patterns' {@code long[] → int[]}, …, see
 * {@link #toFloat}) and diffs it, line by line,
 * against the f32 source: every remaining difference must be listed, with its reason, in
 * {@code src/test/resources/twins/<FloatClass>.diff}. A change made to one twin only, or a stale entry, fails
 * here with the actual differences printed in that file's format.
 *
 * <p>Why a guard rather than generating the f32 sources at build time (as EJML's {@code GenerateCode32} does):
 * the pairs differ on purpose where float needs other arithmetic (double accumulators for long sums, the
 * cancellation-free {@code (1 − a)(1 + a)}), which a generator would need special cases for, and generated
 * sources are not what a reader opens in the repository. The listed differences are the special cases, each
 * with its reason, in one place.
 */
class TwinSourcesTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/backprop/backend/vectorapi");
    private static final Path INTENDED = Path.of("src/test/resources/twins");
    private static final Pattern DOUBLE_LITERAL = Pattern.compile("(?<![\\w.])(\\d+)\\.0(?![\\w.])");

    @ParameterizedTest
    @ValueSource(strings = {"Gemm", "Kernels"})
    void floatTwinDiffersFromItsDoubleSourceOnlyWhereListed(String suffix) throws IOException {
        String floatName = "Float" + suffix;
        List<String> f64 = lines(SOURCES.resolve("Double" + suffix + ".java")).stream().map(TwinSourcesTest::toFloat).toList();
        List<String> f32 = lines(SOURCES.resolve(floatName + ".java"));
        List<String> actual = diff(f64, f32);
        Path listFile = INTENDED.resolve(floatName + ".diff");
        List<String> intended = Files.exists(listFile) ? lines(listFile).stream()
                .filter(l -> l.startsWith("- ") || l.startsWith("+ ") || l.equals("-") || l.equals("+")).toList()
                : List.of();
        if (!actual.equals(intended)) {
            fail("Double" + suffix + " and " + floatName + " differ in other ways than " + listFile + " lists. Make the"
                    + " change in both twins, or list the difference there with a '#' line giving its reason. The"
                    + " differences now (f64 source translated to float, then the f32 source):\n"
                    + String.join("\n", actual));
        }
    }

    /** The f64 source in f32 words: the mechanical part of writing the twin. */
    static String toFloat(String line) {
        String s = line.replace("Double.doubleToRawLongBits", "Float.floatToRawIntBits")
                .replace("LongVector", "IntVector").replace("VectorSpecies<Long>", "VectorSpecies<Integer>")
                .replace("long.class", "int.class").replace("long[]", "int[]").replace("new long[", "new int[")
                .replace("DoubleVector", "FloatVector").replace("DoubleKernels", "FloatKernels")
                .replace("DoubleGemm", "FloatGemm").replace("Lanes.F64", "Lanes.F32").replace("Double", "Float")
                .replace("double", "float").replace("f64", "f32").replace("F64", "F32").replace("·8 bytes", "·4 bytes");
        Matcher m = DOUBLE_LITERAL.matcher(s);
        return m.replaceAll("$1f");
    }

    /** Lines with runs of spaces collapsed, so that re-aligned end-of-line comments are not differences. */
    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(l -> l.strip().replaceAll(" {2,}", " ")).toList();
    }

    /**
     * The lines only in {@code a} ("- …") and only in {@code b} ("+ …"), in order, from a longest common
     * subsequence of the two.
     */
    static List<String> diff(List<String> a, List<String> b) {
        int n = a.size(), m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                i++;
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add(("- " + a.get(i++)).strip());
            } else {
                out.add(("+ " + b.get(j++)).strip());
            }
        }
        return out;
    }
}
