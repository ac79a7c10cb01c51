package dev.backprop.cli;

import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.data.Idx;
import dev.backprop.io.ModelFiles;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Network;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line under random argument vectors and damaged input files, in-process (picocli's execute with
 * captured streams, tiny data, so 10,000 runs take seconds rather than 10,000 JVM starts): {@code train} 4,000,
 * {@code evaluate} 3,000, {@code predict} 3,000 per build. Whatever the arguments, the exit code is 0, 1 or 2;
 * stderr holds no stack trace and no "internal error" (a bug); and no file outside the temporary directory
 * changes. Each try is built from its seed, so a failure is replayed by its seed alone.
 */
class CliFuzzPropertiesTest {

    static Path root;
    static Path tinyMnist, tinyMnistGz;
    static Map<String, Long> before;

    /** Options and the values a try draws from: valid ones, edge cases, and garbage. */
    static final String[] BACKENDS = {"scalar", "ejml", "ojalgo", "vectorapi", "nope", ""};
    static final String[] PRECISIONS = {"f64", "f32", "f16", "float"};
    static final String[] THREADS = {"1", "2", "0", "5000", "x"};
    static final String[] GARBAGE = {"--frobnicate", "-x", "stray", "--epochs=1=2", "--", "-", "--layers", "\u0000",
            "--help", "-V"};

    @BeforeContainer
    static void makeData() throws IOException {
        root = Files.createTempDirectory("backprop-fuzz");
        Path mnist = DownloadCommandTest.MNIST;
        tinyMnist = Files.createDirectories(root.resolve("tiny-mnist"));
        tinyMnistGz = Files.createDirectories(root.resolve("tiny-mnist-gz"));
        for (String prefix : new String[]{"train", "t10k"}) {
            int n = prefix.equals("train") ? 40 : 12;
            byte[] images = Idx.readFirst(mnist.resolve(prefix + "-images-idx3-ubyte.gz"), n).data();
            byte[] labels = Idx.readFirst(mnist.resolve(prefix + "-labels-idx1-ubyte.gz"), n).data();
            for (boolean gz : new boolean[]{false, true}) {
                Path d = gz ? tinyMnistGz : tinyMnist;
                idx(d.resolve(prefix + "-images-idx3-ubyte" + (gz ? ".gz" : "")), gz, images, n, 28, 28);
                idx(d.resolve(prefix + "-labels-idx1-ubyte" + (gz ? ".gz" : "")), gz, labels, n);
            }
        }
        ScalarBackend be = new ScalarBackend(BackendConfig.defaults());
        ModelFiles.save(Network.builder(be).layers(new int[]{2, 30, 3}, Activation.sigmoid(), Activation.sigmoid())
                .cost(Cost.quadratic()).build(), root.resolve("synthetic.safetensors"));
        ModelFiles.save(Network.builder(be).layers(new int[]{2, 30, 3}, Activation.sigmoid(), Activation.sigmoid())
                .cost(Cost.crossEntropy()).build(), root.resolve("synthetic.json"));
        ModelFiles.save(Network.builder(be).layers(new int[]{784, 10, 10}, Activation.relu(), Activation.softmax())
                .cost(Cost.logLikelihood()).build(), root.resolve("mnist.safetensors"));
        CliTest.Result cp = CliTest.run("train", "--epochs", "1", "--train-size", "50", "--momentum", "0.5",
                "--checkpoint", root.resolve("checkpoint").toString());
        assertThat(cp.exitCode()).as(cp.err()).isZero();
        BufferedImage digit = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        byte[] first = Idx.readFirst(tinyMnist.resolve("t10k-images-idx3-ubyte"), 1).data();
        for (int i = 0; i < 784; i++) {
            digit.getRaster().setSample(i % 28, i / 28, 0, first[i] & 0xFF);
        }
        ImageIO.write(digit, "png", root.resolve("digit.png").toFile());
        Files.write(root.resolve("bomb.png"), ModelCommandsTest.pngHeaderOnly(30_000, 30_000));
        Files.writeString(root.resolve("text.png"), "not an image");
        before = snapshot();
    }

    @AfterContainer
    static void clean() throws IOException {
        delete(root);
    }

    @Property(tries = 4000, shrinking = ShrinkingMode.OFF)
    void train(@ForAll long seed) throws IOException {
        check(seed, "train");
        coverEveryOutcome();
    }

    @Property(tries = 3000, shrinking = ShrinkingMode.OFF)
    void evaluate(@ForAll long seed) throws IOException {
        check(seed, "evaluate");
        coverEveryOutcome();
    }

    @Property(tries = 3000, shrinking = ShrinkingMode.OFF)
    void predict(@ForAll long seed) throws IOException {
        check(seed, "predict");
        coverEveryOutcome();
    }

    /** The generator reaches success, runtime failures and usage errors alike, each in a fair share of tries. */
    private static void coverEveryOutcome() {
        Statistics.label("exit code").coverage(c -> {
            c.check(0).percentage(p -> p >= 5);
            c.check(1).percentage(p -> p >= 5);
            c.check(2).percentage(p -> p >= 5);
        });
    }

    private static void check(long seed, String command) throws IOException {
        Path dir = Files.createDirectories(root.resolve("try-" + Long.toHexString(seed)));
        try {
            Try t = new Try(new SplittableRandom(seed), dir);
            List<String> args = switch (command) {
                case "train" -> t.train();
                case "evaluate" -> t.evaluate();
                default -> t.predict();
            };
            CliTest.Result r = CliTest.run(args.toArray(String[]::new));
            String what = "seed " + seed + ": backprop " + String.join(" ", args) + "\n" + r.err();
            assertThat(r.exitCode()).as(what).isBetween(0, 2);
            CliConventionsTest.assertNoTrace(r.err());
            assertThat(r.err()).as(what).doesNotContain("internal error");
            assertThat(snapshot()).as(what + "\nfiles outside the temporary directory changed").isEqualTo(before);
            Statistics.label("exit code").collect(r.exitCode());
        } finally {
            delete(dir);
        }
    }

    /** One try's arguments and damaged files, all drawn from its random generator. */
    static final class Try {
        final SplittableRandom random;
        final Path dir;
        final List<List<String>> options = new ArrayList<>();

        Try(SplittableRandom random, Path dir) {
            this.random = random;
            this.dir = dir;
        }

        List<String> train() throws IOException {
            maybe(0.3, "--data", "synthetic", "synthetic:blobs", "synthetic:x", "mnist:" + tinyMnist,
                    "mnist:" + tinyMnistGz, "mnist:" + damagedMnist(), "mnist:/nonexistent", "");
            maybe(0.3, "--layers", "2,30,3", "2,5,3", "8,4", "2,3", "3,30,3", "2", "2,0,3", "2,2000000000,3",
                    "2,20000,20000,3", "784,10,10", "x,y", "8,12,4", "-1,3", "", "784,20,10");
            maybe(0.2, "--activation", "sigmoid", "tanh", "relu", "identity", "softmax", "swish", "");
            maybe(0.2, "--output", "sigmoid", "softmax", "identity", "relu", "x");
            maybe(0.2, "--cost", "quadratic", "cross-entropy", "log-likelihood", "hinge");
            maybe(0.1, "--init", "nielsen", "nielsen-large", "xavier", "he", "zero");
            maybe(0.1, "--seed", "1", "-5", "99999999999", "x");
            option("--epochs", random.nextDouble() < 0.9 ? pick("1", "2") : pick("0", "-1", "x", "2147483648"));
            maybe(0.2, "--batch", "1", "10", "64", "0", "-3", "100000", "x");
            maybe(0.2, "--eta", "0.5", "3", "1e6", "0", "-1", "NaN", "Infinity", "1e309", "x");
            maybe(0.1, "--lambda", "0", "5", "-1", "NaN");
            maybe(0.1, "--momentum", "0", "0.9", "1", "-0.5", "NaN");
            maybe(0.1, "--eta-decay", "1", "0.5", "0", "2", "NaN");
            maybe(0.15, "--validation", "0", "10", "100", "1999", "2000", "5000", "-5", "x");
            option("--train-size", random.nextDouble() < 0.85 ? pick("30", "200") : pick("0", "3000", "-1", "x"));
            flag(0.1, "--no-shuffle");
            flag(0.1, "--eval-train");
            maybe(0.15, "--from", model(), model());
            maybe(0.2, "--save", out("m.safetensors"), out("m.json"), out("sub/m.safetensors"), out("m.bin"),
                    file("plain") + "/m.safetensors", dir.toString());
            if (random.nextDouble() < 0.15) {
                option("--checkpoint", random.nextBoolean() ? out("cp") : checkpointCopy());
                flag(0.6, "--resume");
            } else {
                flag(0.03, "--resume");
            }
            maybe(0.1, "--metrics", out("m.csv"), damaged(file("metrics"), "epoch,eta\n1,2,3\n"));
            maybe(0.1, "--plot", out("p.png"), out("p.svg"), out("p.pdf"), out("p.gif"));
            maybe(0.1, "--on-non-finite", "stop", "skip", "x");
            maybe(0.05, "--progress", "auto", "always", "never", "x");
            maybe(0.05, "--preset", "nielsen-ch1", "nielsen-ch3", "modern", "x");
            backendOptions();
            return build("train");
        }

        List<String> evaluate() throws IOException {
            if (random.nextBoolean()) {                  // a model and data that fit each other, so that most succeed
                boolean mnist = random.nextBoolean();
                option("--model", mnist ? root.resolve("mnist.safetensors").toString()
                        : pick(root.resolve("synthetic.safetensors").toString(), root.resolve("synthetic.json").toString()));
                option("--data", mnist ? "mnist:" + pick(tinyMnist.toString(), tinyMnistGz.toString()) : "synthetic");
            } else {
                option("--model", model());
                maybe(0.7, "--data", "synthetic", "synthetic:blobs", "mnist:" + tinyMnist, "mnist:" + tinyMnistGz,
                        "mnist:" + damagedMnist(), "mnist:/nonexistent", "x");
            }
            maybe(0.3, "--split", "test", "train", "validation", "x");
            maybe(0.3, "--validation", "1", "10", "39", "40", "10000", "0", "-1", "x");
            maybe(0.1, "--seed", "1", "7", "x");
            backendOptions();
            return build("evaluate");
        }

        List<String> predict() throws IOException {
            // half the time the 784-input model, the only one images fit, so that predictions succeed often too
            option("--model", random.nextBoolean() ? root.resolve("mnist.safetensors").toString() : model());
            if (random.nextBoolean()) {
                option("--idx", pick(tinyMnist.resolve("t10k-images-idx3-ubyte").toString(),
                        tinyMnistGz.resolve("t10k-images-idx3-ubyte.gz").toString(),
                        tinyMnist.resolve("t10k-labels-idx1-ubyte").toString(), damagedCopy(
                                tinyMnistGz.resolve("t10k-images-idx3-ubyte.gz")), "/nonexistent"));
                maybe(0.5, "--labels", tinyMnist.resolve("t10k-labels-idx1-ubyte").toString(),
                        tinyMnistGz.resolve("train-labels-idx1-ubyte.gz").toString(),
                        damagedCopy(tinyMnist.resolve("t10k-labels-idx1-ubyte")));
                maybe(0.4, "--first", "0", "5", "11", "12", "-1", "x");
                maybe(0.4, "--count", "1", "10", "0", "1000000", "x");
            } else {
                int images = random.nextInt(1, 4);
                for (int i = 0; i < images; i++) {
                    options.add(List.of(pick(root.resolve("digit.png").toString(), root.resolve("bomb.png").toString(),
                            root.resolve("text.png").toString(), damagedCopy(root.resolve("digit.png")),
                            "/nonexistent.png", dir.toString())));
                }
                maybe(0.1, "--labels", tinyMnist.resolve("t10k-labels-idx1-ubyte").toString());
            }
            maybe(0.3, "--invert", "auto", "yes", "no", "x");
            backendOptions();
            return build("predict");
        }

        private void backendOptions() {
            maybe(0.2, "--backend", BACKENDS);
            maybe(0.2, "--precision", PRECISIONS);
            maybe(0.1, "--threads", THREADS);
        }

        /** The command and its options in random order, now and then with a garbage token among them. */
        private List<String> build(String command) {
            if (random.nextDouble() < 0.1) {
                options.add(List.of(pick(GARBAGE)));
            }
            Collections.shuffle(options, new java.util.Random(random.nextLong()));
            List<String> args = new ArrayList<>(List.of(command));
            options.forEach(args::addAll);
            return args;
        }

        private void maybe(double p, String option, String... values) {
            if (random.nextDouble() < p) {
                option(option, pick(values));
            }
        }

        private void option(String option, String value) {
            options.add(random.nextDouble() < 0.1 ? List.of(option + "=" + value) : List.of(option, value));
        }

        private void flag(double p, String flag) {
            if (random.nextDouble() < p) {
                options.add(List.of(flag));
            }
        }

        private String pick(String... values) {
            return values[random.nextInt(values.length)];
        }

        private String out(String name) {
            return dir.resolve(name).toString();
        }

        /** A model: valid in either format, damaged, missing, of an unknown extension, or a directory. */
        private String model() throws IOException {
            return switch (random.nextInt(9)) {
                case 0 -> root.resolve("synthetic.safetensors").toString();
                case 1 -> root.resolve("synthetic.json").toString();
                case 2 -> root.resolve("mnist.safetensors").toString();
                case 3 -> root.resolve("checkpoint/checkpoint.safetensors").toString();
                case 4 -> damagedCopy(root.resolve("synthetic.safetensors"));
                case 5 -> damagedCopy(root.resolve("synthetic.json"));
                case 6 -> damagedCopy(root.resolve("mnist.safetensors"));
                case 7 -> pick("/nonexistent.safetensors", dir.resolve("m.bin").toString(), dir.toString());
                default -> damagedCopy(root.resolve("checkpoint/checkpoint.safetensors"));
            };
        }

        private String checkpointCopy() throws IOException {
            Path cp = Files.createDirectories(dir.resolve("cpcopy"));
            Path source = root.resolve("checkpoint/checkpoint.safetensors");
            if (random.nextDouble() < 0.5) {
                Files.copy(source, cp.resolve("checkpoint.safetensors"));
            } else {
                Path damaged = Path.of(damagedCopy(source));
                Files.move(damaged, cp.resolve("checkpoint.safetensors"));
            }
            return cp.toString();
        }

        private String damagedMnist() throws IOException {
            Path d = Files.createDirectories(dir.resolve("damaged-mnist"));
            Path source = random.nextBoolean() ? tinyMnist : tinyMnistGz;
            try (Stream<Path> files = Files.list(source)) {
                for (Path f : files.toList()) {
                    Files.copy(f, d.resolve(f.getFileName()));
                }
            }
            try (Stream<Path> files = Files.list(d)) {
                List<Path> all = files.sorted().toList();
                Path victim = all.get(random.nextInt(all.size()));
                Files.write(victim, damage(Files.readAllBytes(victim)));
            }
            return d.toString();
        }

        /** A copy of {@code source} beside the try's other files, with the same name, damaged. */
        private String damagedCopy(Path source) throws IOException {
            Path copy = dir.resolve("damaged-" + random.nextInt(1 << 20) + "-" + source.getFileName());
            Files.write(copy, damage(Files.readAllBytes(source)));
            return copy.toString();
        }

        private String damaged(String file, String content) throws IOException {
            Files.writeString(Path.of(file), content);
            return file;
        }

        private String file(String name) throws IOException {
            Path f = dir.resolve(name);
            Files.writeString(f, "x");
            return f.toString();
        }

        /** Flipped bytes, a truncation, a run of bytes overwritten with 0x00/0xFF/'9', or bytes inserted. */
        byte[] damage(byte[] bytes) {
            byte[] b = bytes.clone();
            switch (random.nextInt(4)) {
                case 0 -> {
                    for (int i = random.nextInt(1, 8); i > 0 && b.length > 0; i--) {
                        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> b = java.util.Arrays.copyOf(b, random.nextInt(Math.max(1, b.length)));
                case 2 -> {
                    if (b.length > 0) {
                        int at = random.nextInt(b.length), n = Math.min(b.length - at, random.nextInt(1, 16));
                        byte fill = (byte) new int[]{0x00, 0xFF, '9'}[random.nextInt(3)];
                        java.util.Arrays.fill(b, at, at + n, fill);
                    }
                }
                default -> {
                    int at = random.nextInt(b.length + 1), n = random.nextInt(1, 16);
                    byte[] c = new byte[b.length + n];
                    System.arraycopy(b, 0, c, 0, at);
                    for (int i = 0; i < n; i++) {
                        c[at + i] = (byte) random.nextInt(256);
                    }
                    System.arraycopy(b, at, c, at + n, b.length - at);
                    b = c;
                }
            }
            return b;
        }
    }

    private static void idx(Path file, boolean gz, byte[] data, int... dims) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(gz ? new GZIPOutputStream(raw) : raw)) {
            out.writeInt(0x00000800 | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
    }

    /**
     * Every file of the module directory (the tests' working directory, where relative paths would land) but
     * the build's own, and the temporary directory's files other than this test's: name → size and time.
     */
    static Map<String, Long> snapshot() throws IOException {
        Map<String, Long> files = new TreeMap<>();
        Path cwd = Path.of("").toAbsolutePath();
        try (Stream<Path> s = Files.walk(cwd)) {
            for (Path p : s.filter(p -> !p.startsWith(cwd.resolve("target"))
                    && !p.getFileName().toString().equals(".jqwik-database")).toList()) {
                files.put(p.toString(), Files.isRegularFile(p) ? Files.size(p) * 31 + Files.getLastModifiedTime(p)
                        .toMillis() : -1);
            }
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> s = Files.list(tmp)) {
            for (Path p : s.filter(p -> p.getFileName().toString().contains(".rescued-")).toList()) {
                files.put(p.toString(), 0L);                 // a model saved to the fallback in /tmp
            }
        }
        return files;
    }

    static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
