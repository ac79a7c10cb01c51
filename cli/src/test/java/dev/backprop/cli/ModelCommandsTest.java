package dev.backprop.cli;

import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.data.Dataset;
import dev.backprop.data.Mnist;
import dev.backprop.io.ModelFiles;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Initializer;
import dev.backprop.nn.Network;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingConfig;
import dev.backprop.train.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.backprop.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code evaluate} and {@code predict} on a model trained briefly on real MNIST. */
class ModelCommandsTest {

    @TempDir
    static Path dir;
    static Path model;
    static Dataset test;
    static final Path MNIST = Path.of(System.getProperty("backprop.shared.dir", "../../shared"), "data", "mnist");

    /** 784-30-10 trained for one epoch on 10,000 images: about 90% on the test set, in a second. */
    @BeforeAll
    static void trainAModel() throws IOException {
        Mnist.Split mnist = Mnist.load(MNIST, "mnist");
        test = mnist.test();
        Network net = Network.builder(new ScalarBackend(BackendConfig.defaults()))
                .layers(new int[]{784, 30, 10}, Activation.sigmoid(), Activation.softmax())
                .cost(Cost.logLikelihood()).initializer(Initializer.nielsen()).seed(3).build();
        new Trainer(net, TrainingConfig.of(1, 10, 0.5)).fit(mnist.train().subset(0, 10_000), new TrainingListener() { });
        model = dir.resolve("mnist.safetensors");
        ModelFiles.save(net, model);
    }

    @Test
    void evaluatePrintsTheAccuracyAndAConfusionMatrixThatAgree() {
        CliTest.Result r = run("evaluate", "--model", model.toString(), "--data", "mnist:" + MNIST);
        assertEquals(0, r.exitCode(), r.err());
        Matcher m = Pattern.compile("accuracy (\\d+\\.\\d+)% \\(([\\d,]+) of 10,000\\)").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThan(85);
        int diagonal = 0;
        for (String line : r.out().lines().filter(l -> l.matches("\\d\\s+.*%")).toList()) {
            String[] cells = line.trim().split("\\s+");
            int digit = Integer.parseInt(cells[0]);
            diagonal += Integer.parseInt(cells[1 + digit]);
        }
        assertEquals(Integer.parseInt(m.group(2).replace(",", "")), diagonal);
        assertThat(r.out()).contains("true\\pred");
    }

    @Test
    void predictClassifiesIdxImagesAndMarksThemAgainstTheLabels() {
        CliTest.Result r = run("predict", "--model", model.toString(), "--idx",
                MNIST.resolve("t10k-images-idx3-ubyte.gz").toString(), "--labels",
                MNIST.resolve("t10k-labels-idx1-ubyte.gz").toString(), "--count", "50");
        assertEquals(0, r.exitCode(), r.err());
        assertThat(r.out()).startsWith("image 0: 7 ");
        Matcher m = Pattern.compile("(\\d+) of 50 right").matcher(r.out());
        assertThat(m.find()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(40);
    }

    /** MNIST's first test image (a 7) as a PNG, as is and as black ink on white paper at twice the size. */
    @Test
    void predictReadsPngsWhiteOnBlackOrInvertedAndScaled() throws IOException {
        BufferedImage seven = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage paper = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int v = (int) Math.round(255 * test.input(0, y * 28 + x));
                seven.getRaster().setSample(x, y, 0, v);
                int ink = 255 - v, rgb = ink << 16 | ink << 8 | ink;
                for (int d = 0; d < 4; d++) {
                    paper.setRGB(2 * x + d % 2, 2 * y + d / 2, rgb);
                }
            }
        }
        Path a = dir.resolve("seven.png"), b = dir.resolve("seven-on-paper.png");
        ImageIO.write(seven, "png", a.toFile());
        ImageIO.write(paper, "png", b.toFile());
        CliTest.Result r = run("predict", "--model", model.toString(), a.toString(), b.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertThat(r.out()).contains(a + ": 7 ").contains(b + " (inverted) (scaled from 56×56): 7 ");
        CliTest.Result notInverted = run("predict", "--model", model.toString(), "--invert", "no", b.toString());
        assertThat(notInverted.out()).doesNotContain("(inverted)");
    }

    @Test
    void predictExplainsWhatItCannotRead() throws IOException {
        Path text = dir.resolve("note.png");
        java.nio.file.Files.writeString(text, "not an image");
        assertThat(run("predict", "--model", model.toString(), text.toString()).err())
                .contains("not an image javax.imageio can read");
        assertThat(run("predict", "--model", model.toString()).err()).contains("give image files to classify, --idx FILE or --csv FILE");
        assertThat(run("evaluate", "--model", dir.resolve("none.safetensors").toString()).err())
                .contains("no such model file");
    }

    /**
     * A PNG that declares 30000×30000 pixels in a few hundred bytes: refused from its header, before decoding
     * (which would take 900 MB and half a minute).
     */
    @Test
    void anImageDeclaringMorePixelsThanTheLimitIsRefusedBeforeDecoding() throws IOException {
        Path bomb = dir.resolve("bomb.png");
        java.nio.file.Files.write(bomb, pngHeaderOnly(30_000, 30_000));
        CliTest.Result r = run("predict", "--model", model.toString(), bomb.toString());
        assertEquals(1, r.exitCode());
        assertThat(r.err()).contains(bomb + ": declares 30,000×30,000 = 900,000,000 pixels, more than the "
                + "89,478,485 this command decodes");
        CliConventionsTest.assertNoTrace(r.err());
    }

    /** A PNG signature and IHDR chunk (8-bit greyscale) and nothing else: a reader knows the size, no pixels. */
    static byte[] pngHeaderOnly(int width, int height) throws IOException {
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(png);
        out.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.io.ByteArrayOutputStream chunk = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream c = new java.io.DataOutputStream(chunk);
        c.writeBytes("IHDR");
        c.writeInt(width);
        c.writeInt(height);
        c.write(new byte[]{8, 0, 0, 0, 0});
        byte[] body = chunk.toByteArray();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body);
        out.writeInt(body.length - 4);
        out.write(body);
        out.writeInt((int) crc.getValue());
        return png.toByteArray();
    }

    /**
     * predict --idx reads only the images it shows: a file whose header declares 10,000 images but that holds 20
     * (here: a truncated copy) still classifies its first 5.
     */
    @Test
    void predictReadsOnlyTheImagesItShows() throws IOException {
        Path images = dir.resolve("head-images.gz"), labels = dir.resolve("head-labels.gz");
        byte[] all = dev.backprop.data.Idx.read(MNIST.resolve("t10k-images-idx3-ubyte.gz")).data();
        byte[] allLabels = dev.backprop.data.Idx.read(MNIST.resolve("t10k-labels-idx1-ubyte.gz")).data();
        try (var out = new java.io.DataOutputStream(new java.util.zip.GZIPOutputStream(
                java.nio.file.Files.newOutputStream(images)))) {
            out.writeInt(0x00000803);
            out.writeInt(10_000);
            out.writeInt(28);
            out.writeInt(28);
            out.write(all, 0, 20 * 784);
        }
        try (var out = new java.io.DataOutputStream(new java.util.zip.GZIPOutputStream(
                java.nio.file.Files.newOutputStream(labels)))) {
            out.writeInt(0x00000801);
            out.writeInt(10_000);
            out.write(allLabels, 0, 20);
        }
        CliTest.Result r = run("predict", "--model", model.toString(), "--idx", images.toString(), "--labels",
                labels.toString(), "--count", "5");
        assertEquals(0, r.exitCode(), r.err());
        assertThat(r.out()).startsWith("image 0: 7 ").contains("image 4: ").contains("of 5 right");
        assertThat(run("predict", "--model", model.toString(), "--idx", images.toString(), "--first", "15",
                "--count", "10").err()).contains("truncated");
    }
}
