package dev.backprop.data;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV reader on generated tables (they read back exactly, quoted or not) and on damaged text (a consistent
 * data set or a {@link CsvFormatException} naming the source; nothing else escapes). 3,000 cases.
 */
class CsvPropertiesTest {

    private static final String SOURCE = "p.csv";

    @Property(tries = 1000)
    void tablesReadBackExactly(@ForAll("tables") double[][] rows, @ForAll boolean quote) throws IOException {
        StringBuilder text = new StringBuilder("f0,f1,\"f 2\",label\n");
        for (int i = 0; i < rows.length; i++) {
            for (double v : rows[i]) {
                String cell = Double.toString(v).replace("E", "e");
                text.append(quote ? "\"" + cell + "\"" : cell).append(i % 2 == 0 ? ", " : ",");
            }
            text.append(i % 3 == 0 ? "a" : i % 3 == 1 ? "\"b,c\"" : "d").append(i % 4 == 0 ? "\r\n" : "\n");
        }
        Dataset d = Csv.read(new StringReader(text.toString()), SOURCE, "p", Csv.Options.target("label"));
        assertThat(d.size()).isEqualTo(rows.length);
        assertThat(d.featureNames()).containsExactly("f0", "f1", "f 2");
        for (int i = 0; i < rows.length; i++) {
            for (int f = 0; f < 3; f++) {
                assertThat(d.input(i, f)).isEqualTo(rows[i][f]);
            }
            assertThat(d.classNames().get(d.label(i))).isEqualTo(i % 3 == 0 ? "a" : i % 3 == 1 ? "b,c" : "d");
        }
    }

    @Property(tries = 2000)
    void damagedTextIsReadOrRejectedWithALine(@ForAll("damaged") String text) {
        try {
            Dataset d = Csv.read(new StringReader(text), SOURCE, "p", Csv.Options.target(null));
            assertThat(d.size()).isPositive();
            for (int i = 0; i < d.size(); i++) {
                for (int f = 0; f < d.inputSize(); f++) {
                    assertThat(Double.isFinite(d.input(i, f))).isTrue();
                }
                if (d.task() == Task.CLASSIFICATION) {
                    assertThat(d.label(i)).isBetween(0, d.classes() - 1);
                } else {
                    assertThat(Double.isFinite(d.target(i, 0))).isTrue();
                }
            }
        } catch (CsvFormatException e) {
            assertThat(e.getMessage()).startsWith(SOURCE + (e.line() > 0 ? ":" + e.line() + ": " : ": "));
        } catch (IOException e) {
            throw new AssertionError("a damaged CSV escaped as " + e, e);
        }
    }

    @Provide
    Arbitrary<double[][]> tables() {
        Arbitrary<Double> v = Arbitraries.oneOf(List.of(Arbitraries.doubles().between(-1e6, 1e6),
                Arbitraries.of(0.0, -0.0, 1e-300, -2.5e-7, 123456789.0, 1e300)));
        return v.array(double[].class).ofSize(3).array(double[][].class).ofMinSize(2).ofMaxSize(20);    // two classes at least
    }

    @Provide
    Arbitrary<String> damaged() {
        String base = "x,y,z,label\n1,2.5,-3e2,cat\n4,5,6,\"dog\"\n7,8,9,cat\n0.1,.2,3.,bird\n";
        Arbitrary<String> junk = Arbitraries.oneOf(List.of(Arbitraries.of(",", "\"", "\n", "\r\n", "", "NaN", "1e999",
                " ", "x", "-", ".", "e5", "\"\"", ",,"), Arbitraries.strings().ofMaxLength(4)));
        return Combinators.combine(Arbitraries.integers().between(0, base.length()),
                Arbitraries.integers().between(0, 6), junk).as((at, cut, ins) -> {
                    int end = Math.min(base.length(), at + cut);
                    return base.substring(0, at) + ins + base.substring(end);
                }).map(s -> s.toLowerCase(Locale.ROOT).equals(s) ? s : s);
    }
}
