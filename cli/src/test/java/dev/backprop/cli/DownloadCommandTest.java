package dev.backprop.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.backprop.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code backprop download} with its real HTTP client against a real server on the loopback interface (the
 * JDK's com.sun.net.httpserver) serving the shared MNIST files: /good/ as they are, /bad/ with one byte of one
 * file changed, /gone/ with 404s. No other network is touched.
 */
class DownloadCommandTest {

    static final Path MNIST = Path.of(System.getProperty("backprop.shared.dir", "../../shared"), "data", "mnist");
    static HttpServer server;
    static String base;

    @TempDir
    Path dir;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String[] path = exchange.getRequestURI().getPath().split("/");   // "", mode, file
            Path file = path.length == 3 ? MNIST.resolve(path[2]) : null;
            if (file == null || path[1].equals("gone") || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (path[1].equals("bad") && path[2].startsWith("t10k-images")) {
                bytes[bytes.length / 2] ^= 0x01;
            }
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void fetchesTheFourFilesVerifiesThemAndKeepsThemOnTheNextRun() throws IOException {
        Path to = dir.resolve("mnist");
        CliTest.Result r = run("download", "mnist", "--to", to.toString(), "--mirror", base + "good");
        assertEquals(0, r.exitCode(), r.err());
        assertThat(r.out()).contains("t10k-labels-idx1-ubyte.gz").contains("md5 ec29112dd5afa0611ce80d1b7f02629c ok");
        for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz")) {
            assertThat(Files.mismatch(to.resolve(f), MNIST.resolve(f))).as(f).isEqualTo(-1L);
        }
        assertThat(listing(to)).hasSize(4);
        CliTest.Result again = run("download", "mnist", "--to", to.toString(), "--mirror", base + "gone");
        assertEquals(0, again.exitCode(), again.err());
        assertThat(again.out()).contains("(already there)");
    }

    @Test
    void aCorruptedFileIsRejectedAndItsPartialFileRemoved() throws IOException {
        Path to = dir.resolve("mnist");
        CliTest.Result r = run("download", "mnist", "--to", to.toString(), "--mirror", base + "bad");
        assertEquals(1, r.exitCode());
        assertThat(r.err()).contains("md5 mismatch for " + base + "bad/t10k-images-idx3-ubyte.gz")
                .contains("the published sum is 9fb629c4189551a2d022fa330f9573f3").contains("Nothing was kept");
        assertThat(listing(to)).containsExactlyInAnyOrder("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
    }

    @Test
    void missingFilesAndUnknownSetsAreExplained() throws IOException {
        Path to = dir.resolve("f");
        CliTest.Result r = run("download", "fashion-mnist", "--to", to.toString(), "--mirror", base + "gone/");
        assertEquals(1, r.exitCode());
        assertThat(r.err()).contains("GET " + base + "gone/train-images-idx3-ubyte.gz: HTTP 404")
                .contains("another --mirror");
        assertThat(listing(to)).isEmpty();
        assertThat(run("download", "cifar").err()).contains("unknown data set 'cifar'; use mnist or fashion-mnist");
    }

    private static List<String> listing(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
