package dev.backprop.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvTest {

    private static Dataset read(String text, Csv.Options options) throws IOException {
        return Csv.read(new StringReader(text), "t.csv", "t", options);
    }

    @Test
    void stringTargetsAreClassesInSortedOrderWithTheirNames() throws IOException {
        Dataset d = read("a,b,species\n1,2,setosa\n3,4.5,virginica\n\n-1e-1, .5 ,setosa\n", Csv.Options.target("species"));
        assertThat(d.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(d.classNames()).containsExactly("setosa", "virginica");
        assertThat(d.featureNames()).containsExactly("a", "b");
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.label(0)).isZero();
        assertThat(d.label(1)).isEqualTo(1);
        assertThat(d.input(1, 1)).isEqualTo(4.5);
        assertThat(d.input(2, 0)).isEqualTo(-0.1);
        assertThat(d.input(2, 1)).isEqualTo(0.5);
    }

    @Test
    void numericTargetsAreRegressionUnlessClassificationIsAsked() throws IOException {
        String text = "y,x\n10,1\n2,2\n10,3\n";
        Dataset r = read(text, Csv.Options.target("y"));
        assertThat(r.task()).isEqualTo(Task.REGRESSION);
        assertThat(r.targetSize()).isEqualTo(1);
        assertThat(r.target(1, 0)).isEqualTo(2.0);
        assertThat(r.targetNames()).containsExactly("y");
        Dataset c = read(text, Csv.Options.target("y").withTask(Task.CLASSIFICATION));
        assertThat(c.classNames()).containsExactly("2", "10");       // numerically sorted
        assertThat(c.label(0)).isEqualTo(1);
    }

    @Test
    void severalTargetColumnsMakeAWideRegressionTarget() throws IOException {
        Dataset d = read("x,u,v\n1,2,3\n4,5,6\n", Csv.Options.regressionTargets(List.of("v", "u")));
        assertThat(d.targetSize()).isEqualTo(2);
        assertThat(d.target(1, 0)).isEqualTo(6.0);
        assertThat(d.target(1, 1)).isEqualTo(5.0);
        assertThat(d.inputSize()).isEqualTo(1);
    }

    @Test
    void theModelsClassesAndFeatureOrderAreKept() throws IOException {
        Dataset d = read("b,label,a\n1,cat,2\n", Csv.Options.target("label")
                .withClassNames(List.of("dog", "cat")).withFeatures(List.of("a", "b")));
        assertThat(d.label(0)).isEqualTo(1);
        assertThat(d.input(0, 0)).isEqualTo(2.0);
        assertThat(d.classes()).isEqualTo(2);
        assertThatThrownBy(() -> read("b,label,a\n1,cat,2\n3,bird,4\n", Csv.Options.target("label")
                .withClassNames(List.of("dog", "cat"))))
                .hasMessage("t.csv:3: column 2 ('label', a target): 'bird' is not one of the model's classes [dog, cat]");
    }

    @Test
    void everyMalformedRowIsNamedByLineAndColumn() {
        Csv.Options o = Csv.Options.target("y");
        assertThatThrownBy(() -> read("x,y\n1,a\n2,b\nzz,a\n", o))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageStartingWith("t.csv:4: column 1 ('x', a feature): 'zz' is not a number");
        assertThatThrownBy(() -> read("x,y\n1,a\n\n2\n", o)).hasMessageStartingWith("t.csv:4: 1 field but the header has 2");
        assertThatThrownBy(() -> read("x,y\n1,a\n2,b,3\n", o)).hasMessageStartingWith("t.csv:3: 3 fields");
        assertThatThrownBy(() -> read("x,y\n1,a\n,b\n", o)).hasMessageStartingWith("t.csv:3: column 1 ('x', a feature) is empty");
        assertThatThrownBy(() -> read("x,y\n1,a\nNaN,b\n", o)).hasMessageContaining("t.csv:3:").hasMessageContaining("'NaN' is not a number");
        assertThatThrownBy(() -> read("x,y\n1e999,a\n", o)).hasMessageStartingWith("t.csv:2: column 1 ('x', a feature): 1e999 is out of range");
        assertThatThrownBy(() -> read("x,y\n1,a\n2,\n", o)).hasMessageStartingWith("t.csv:3: column 2 ('y', a target) is empty");
        assertThatThrownBy(() -> read("x,y\n1,a\n2,\"b\n3,c\n", o)).hasMessageStartingWith("t.csv:3: malformed CSV");
        assertThatThrownBy(() -> read("x,y\n1,2\n2,3\n", Csv.Options.target("z")))
                .hasMessage("t.csv:1: no column 'z' (the target); the header has x, y");
        assertThatThrownBy(() -> read("x,x\n1,2\n", o)).hasMessageStartingWith("t.csv:1: the header row cannot be read");
        assertThatThrownBy(() -> read("x,y\n", o)).hasMessage("t.csv: no data rows after the header");
        assertThatThrownBy(() -> read("", o)).hasMessageStartingWith("t.csv: empty");
        assertThatThrownBy(() -> read("x,y\n1,a\n2,a\n", o)).hasMessageContaining("a single class [a]");
        assertThatThrownBy(() -> read("x,y\n1,1\n2,b\n", o.withTask(Task.REGRESSION)))
                .hasMessageStartingWith("t.csv:3: column 2 ('y', a target): 'b' is not a number");
    }

    @Test
    void aQuotedFieldMaySpanLinesAndLaterLinesAreStillCountedRight(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("q.csv");
        Files.writeString(f, "x,name\n1,\"two\nlines\"\n2,b\n3,b\nx,b\n");
        assertThatThrownBy(() -> Csv.read(f, "name")).hasMessageStartingWith(f + ":6: column 1 ('x', a feature)");
    }

    @Test
    void aSeededSplitIsAPartitionAndRepeatable() throws IOException {
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < 100; i++) {
            text.append(i).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        }
        Dataset d = read(text.toString(), Csv.Options.target("y"));
        TrainTestSplit a = d.split(0.2, 7), b = d.split(0.2, 7);
        assertThat(a.test().size()).isEqualTo(20);
        assertThat(a.train().size()).isEqualTo(80);
        java.util.Set<Double> seen = new java.util.HashSet<>();
        for (int i = 0; i < 80; i++) {
            seen.add(a.train().input(i, 0));
            assertThat(a.train().input(i, 0)).isEqualTo(b.train().input(i, 0));
        }
        for (int i = 0; i < 20; i++) {
            seen.add(a.test().input(i, 0));
            assertThat(a.test().classNames()).containsExactly("even", "odd");
            assertThat(a.test().label(i)).isEqualTo((int) a.test().input(i, 0) % 2);
        }
        assertThat(seen).hasSize(100);
        assertThat(d.split(0.2, 8).test().input(0, 0)).isNotEqualTo(a.test().input(0, 0));
    }
}
