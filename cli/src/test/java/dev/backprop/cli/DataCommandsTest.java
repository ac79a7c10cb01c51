package dev.backprop.cli;

import dev.backprop.io.ModelFiles;
import dev.backprop.io.SavedModel;
import dev.backprop.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static dev.backprop.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Your own data through the command line: CSV and NumPy files, classification by name and regression. */
class DataCommandsTest {

    @TempDir
    Path dir;

    /** Three Gaussian clusters in 3-D named by animals, with a feature in large units (so normalising matters). */
    private Path animals(String name, int n, long seed) throws IOException {
        Rng rng = Rng.forStream(seed, "animals");
        StringBuilder csv = new StringBuilder("weight_g,legs,speed,animal\n");
        String[] names = {"cat", "bird", "dog"};
        double[][] centres = {{4000, 4, 10}, {300, 2, 30}, {20000, 4, 25}};
        for (int i = 0; i < n; i++) {
            int k = i % 3;
            csv.append(String.format(Locale.ROOT, "%.1f,%.2f,%.2f,%s%n", centres[k][0] * (1 + 0.2 * rng.nextGaussian()),
                    centres[k][1] + 0.3 * rng.nextGaussian(), centres[k][2] + 3 * rng.nextGaussian(), names[k]));
        }
        Path f = dir.resolve(name);
        Files.writeString(f, csv);
        return f;
    }

    @Test
    void aCsvClassificationWithStringLabelsTrainsEvaluatesAndPredictsByName() throws IOException {
        Path csv = animals("animals.csv", 450, 1);
        Path model = dir.resolve("animals.safetensors");
        CliTest.Result t = run("train", "--data", "csv:" + csv, "--target", "animal", "--epochs", "10",
                "--backend", "scalar", "--save", model.toString());
        assertEquals(0, t.exitCode(), t.err());
        assertThat(t.out()).contains("data     animals.csv train: 360 training, 90 test examples")
                .contains("network  3-30-3 ").contains("inputs normalised: standardize");
        SavedModel saved = ModelFiles.read(model);
        assertThat(saved.context().classNames()).containsExactly("bird", "cat", "dog");
        assertThat(saved.context().featureNames()).containsExactly("weight_g", "legs", "speed");
        assertThat(saved.context().scaling().shift()[0]).isBetween(5000.0, 12000.0);

        CliTest.Result e = run("evaluate", "--model", model.toString(), "--backend", "scalar");   // data as recorded
        assertEquals(0, e.exitCode(), e.err());
        Matcher m = Pattern.compile("accuracy (\\d+\\.\\d+)% \\((\\d+) of 90\\)").matcher(e.out());
        assertThat(m.find()).as(e.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(95.0);
        Matcher last = Pattern.compile("epoch 10/10 .* test (\\d+\\.\\d+)%").matcher(t.out());
        assertThat(last.find()).isTrue();
        assertThat(m.group(1)).isEqualTo(last.group(1));              // the same split, normalised the same way
        assertThat(e.out()).contains("true\\pred   bird   cat   dog").containsPattern("(?m)^cat\\s+\\d")
                .containsPattern("(?m)^class\\s+precision\\s+recall\\s+F1\\s+support$").containsPattern("(?m)^dog\\s+[01]\\.\\d{4}");

        Path fresh = animals("fresh.csv", 30, 2);
        CliTest.Result p = run("predict", "--model", model.toString(), "--csv", fresh.toString(), "--backend", "scalar");
        assertEquals(0, p.exitCode(), p.err());
        assertThat(p.out()).containsPattern("(?m)^row 1: cat .*right$").contains("row 2: bird").contains("row 3: dog");
        Matcher right = Pattern.compile("(\\d+) of 30 right").matcher(p.out());
        assertThat(right.find()).isTrue();
        assertThat(Integer.parseInt(right.group(1))).isGreaterThanOrEqualTo(27);

        Path other = animals("test.csv", 60, 3);
        CliTest.Result separate = run("evaluate", "--model", model.toString(), "--data", "csv:" + csv,
                "--test-data", other.toString(), "--backend", "scalar");
        assertEquals(0, separate.exitCode(), separate.err());
        assertThat(separate.out()).contains("of 60)");
    }

    @Test
    void aRegressionOfAKnownFunctionReachesAnRmseBound() throws IOException {
        Rng rng = Rng.forStream(4, "plane");
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 500; i++) {             // y = 2a − b + 0.5, noise 0.01; std of y ≈ 1.3
            double a = rng.nextDouble(-1, 1), b = rng.nextDouble(-1, 1);
            csv.append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f%n", a, b, 2 * a - b + 0.5 + 0.01 * rng.nextGaussian()));
        }
        Path file = dir.resolve("plane.csv"), model = dir.resolve("plane.safetensors");
        Files.writeString(file, csv);
        CliTest.Result t = run("train", "--data", "csv:" + file, "--epochs", "20", "--backend", "scalar",
                "--save", model.toString(), "--metrics", dir.resolve("m.csv").toString());
        assertEquals(0, t.exitCode(), t.err());
        assertThat(t.out()).contains("network  2-30-1 sigmoid,identity quadratic").contains("η = 0.1")
                .contains("task     regression");
        CliTest.Result e = run("evaluate", "--model", model.toString(), "--backend", "scalar");
        assertEquals(0, e.exitCode(), e.err());
        Matcher m = Pattern.compile("RMSE (\\S+)   MAE (\\S+)   R² (\\S+)").matcher(e.out());
        assertThat(m.find()).as(e.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isLessThan(0.1);
        assertThat(Double.parseDouble(m.group(3))).isGreaterThan(0.99);
        assertThat(Files.readAllLines(dir.resolve("m.csv")).get(0)).contains("test_rmse");
    }

    @Test
    void anNpzArchiveTrainsWithItsOwnTestArrays() throws IOException {
        Path npz = dir.resolve("digits.npz");
        int n = 200, t = 60;
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(npz))) {
            Rng rng = Rng.forStream(1, "npz");
            byte[] xTrain = new byte[n * 4], xTest = new byte[t * 4];
            long[] yTrain = new long[n], yTest = new long[t];
            fill(rng, xTrain, yTrain);
            fill(rng, xTest, yTest);
            entry(zip, "x_train", "|u1", new int[]{n, 2, 2}, xTrain);
            entry(zip, "y_train", "<i8", new int[]{n}, longs(yTrain));
            entry(zip, "x_test", "|u1", new int[]{t, 2, 2}, xTest);
            entry(zip, "y_test", "<i8", new int[]{t}, longs(yTest));
        }
        CliTest.Result r = run("train", "--data", "npz:" + npz, "--epochs", "15", "--backend", "scalar",
                "--save", dir.resolve("d.safetensors").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertThat(r.out()).contains("200 training, 60 test examples").contains("network  4-30-2 ");
        Matcher m = Pattern.compile("epoch 15/15 .* test (\\d+\\.\\d+)%").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(90.0);
        CliTest.Result bad = run("train", "--data", "npz:" + npz, "--arrays", "x_train,y_train,x_val,y_val");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("digits.npz: x_val: no array 'x_val' in the archive; it holds [");
    }

    @Test
    void evaluateSaysWhatToPassWhenTheModelDoesNotKnowItsData() throws IOException {
        Path csv = animals("gone.csv", 60, 5), model = dir.resolve("gone.safetensors");
        assertEquals(0, run("train", "--data", "csv:" + csv, "--epochs", "1", "--backend", "scalar",
                "--save", model.toString()).exitCode());
        Files.delete(csv);
        CliTest.Result gone = run("evaluate", "--model", model.toString());
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).contains("was trained on --data csv:" + csv.toAbsolutePath().normalize()
                + ", which is not there any more; pass --data SOURCE");
        Path bare = dir.resolve("bare.safetensors");
        ModelFiles.write(ModelFiles.read(model).withContext(dev.backprop.io.ModelContext.NONE), bare);
        CliTest.Result none = run("evaluate", "--model", bare.toString());
        assertThat(none.err()).contains("does not record the data it was trained on").contains("pass --data SOURCE");
    }

    private static void fill(Rng rng, byte[] x, long[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 2;
            for (int f = 0; f < 4; f++) {                     // class 1 is bright, class 0 dark
                x[i * 4 + f] = (byte) (y[i] == 1 ? 150 + rng.nextInt(100) : rng.nextInt(100));
            }
        }
    }

    private static byte[] longs(long[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long l : v) {
            b.putLong(l);
        }
        return b.array();
    }

    /** One .npy entry as numpy writes it. */
    private static void entry(ZipOutputStream zip, String name, String descr, int[] shape, byte[] data)
            throws IOException {
        StringBuilder s = new StringBuilder("(");
        for (int d : shape) {
            s.append(d).append(", ");
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + s.toString().replaceAll(", $",
                shape.length == 1 ? "," : "") + "), }";
        StringBuilder h = new StringBuilder(dict);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        byte[] header = h.append('\n').toString().getBytes(StandardCharsets.ISO_8859_1);
        zip.putNextEntry(new ZipEntry(name + ".npy"));
        OutputStream out = zip;
        out.write(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length, (byte) (header.length >> 8)});
        out.write(header);
        out.write(data);
        zip.closeEntry();
    }
}
