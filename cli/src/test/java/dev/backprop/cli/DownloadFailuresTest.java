package dev.backprop.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.backprop.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code backprop download} against a raw HTTP server on the loopback interface that misbehaves on purpose: it
 * stalls mid-file, drops the connection, sends more than the file's size. The three other MNIST files are put
 * in place first, so each case downloads train-labels-idx1-ubyte.gz (28,881 bytes) only. The timeouts are
 * guards against a hang, not measurements.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DownloadFailuresTest {

    static final String FILE = "train-labels-idx1-ubyte.gz";
    static final Path MNIST = DownloadCommandTest.MNIST;

    /** How the server answers a request for bytes [from, size). */
    enum Mode { STALL_AFTER_1000, DROP_AFTER_1000, TOO_LONG, SLOW }

    @TempDir
    Path dir;
    Path to;
    byte[] file;
    ServerSocket server;
    volatile Mode mode;
    final List<String> ranges = new CopyOnWriteArrayList<>();
    final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
    });

    @BeforeEach
    void serve() throws IOException {
        file = Files.readAllBytes(MNIST.resolve(FILE));
        to = dir.resolve("mnist");
        Files.createDirectories(to);
        for (String f : List.of("train-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            Files.copy(MNIST.resolve(f), to.resolve(f));
        }
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.submit(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    pool.submit(() -> answer(s));
                } catch (IOException e) {
                    return null;
                }
            }
            return null;
        });
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        pool.shutdownNow();
    }

    String base() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/";
    }

    private Void answer(Socket s) throws IOException, InterruptedException {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            long from = 0;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                Matcher m = Pattern.compile("(?i)range: bytes=(\\d+)-").matcher(line);
                if (m.matches()) {
                    from = Long.parseLong(m.group(1));
                    ranges.add(m.group(1));
                }
            }
            OutputStream out = s.getOutputStream();
            byte[] body = mode == Mode.TOO_LONG ? new byte[file.length + 200_000] : file;
            String head = from > 0
                    ? "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + from + "-" + (body.length - 1) + "/"
                    + body.length + "\r\nContent-Length: " + (body.length - from) + "\r\n"
                    : "HTTP/1.1 200 OK\r\n" + (mode == Mode.TOO_LONG ? "" : "Content-Length: " + body.length + "\r\n");
            out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            int n = (int) Math.min(body.length - from, mode == Mode.TOO_LONG || mode == Mode.SLOW
                    ? body.length : 1000);
            for (int at = (int) from; at < from + n; at += 4096) {
                out.write(body, at, (int) Math.min(4096, from + n - at));
                out.flush();
                if (mode == Mode.SLOW) {
                    Thread.sleep(5);
                }
            }
            if (mode == Mode.STALL_AFTER_1000) {
                while (s.getInputStream().read() >= 0) {
                    // hold the connection open, sending nothing, until the client gives up and closes it
                }
            }
        }
        return null;
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(to)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A server that sends 1,000 bytes and then nothing: given up after --timeout, with the URL and the counts. */
    @Test
    void aStalledServerIsGivenUpOnWithTheUrlAndTheBytesReceived() throws IOException {
        mode = Mode.STALL_AFTER_1000;
        CliTest.Result r = run("download", "mnist", "--to", to.toString(), "--mirror", base(), "--timeout", "0.3");
        assertEquals(1, r.exitCode(), r.err());
        assertThat(r.err()).startsWith("backprop: GET " + base() + FILE + ": no data for 300 ms after 4,000 of "
                + "28,881 bytes (the server stalled) (tried 4 times)").contains("kept in").doesNotContain("closed\n");
        assertThat(ranges).containsExactly("1000", "2000", "3000");         // each retry resumed where it broke
        assertThat(listing()).hasSize(4).noneMatch(f -> f.equals(FILE));
        assertThat(listing()).anyMatch(f -> f.startsWith("." + FILE + "." + ProcessHandle.current().pid() + "."));
    }

    /** A dropped connection is resumed with a range request and the file completes, md5 and all. */
    @Test
    void aDroppedConnectionIsResumedWhereItBroke() throws IOException {
        mode = Mode.DROP_AFTER_1000;
        CliTest.Result r = run("download", "mnist", "--to", to.toString(), "--mirror", base(), "--timeout", "5");
        assertEquals(1, r.exitCode(), r.err());                         // 1,000 bytes a try: 4 tries are not enough
        assertThat(r.err()).contains("the connection closed after 4,000 of 28,881 bytes").contains(base() + FILE);
        CliTest.Result again = run("download", "mnist", "--to", to.toString(), "--mirror", base(), "--timeout", "5");
        assertThat(again.err()).contains("after 8,000 of 28,881 bytes");  // this process's part: resumed, not restarted
        mode = Mode.SLOW;
        ranges.clear();
        CliTest.Result done = run("download", "mnist", "--to", to.toString(), "--mirror", base());
        assertEquals(0, done.exitCode(), done.err());
        assertThat(ranges).containsExactly("8000");
        assertThat(Files.mismatch(to.resolve(FILE), MNIST.resolve(FILE))).isEqualTo(-1L);
        assertThat(listing()).hasSize(4);
    }

    /** A partial file whose process is gone (killed) is adopted by the next download, which resumes from it. */
    @Test
    void aKilledDownloadsPartialFileIsResumedByTheNextRun() throws Exception {
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).start();
        gone.getInputStream().readAllBytes();
        gone.waitFor();
        Path part = to.resolve("." + FILE + "." + gone.pid() + ".0123abcd.part");
        Files.write(part, java.util.Arrays.copyOf(file, 5000));
        mode = Mode.SLOW;
        CliTest.Result r = run("download", "mnist", "--to", to.toString(), "--mirror", base());
        assertEquals(0, r.exitCode(), r.err());
        assertThat(ranges).containsExactly("5000");
        assertThat(Files.mismatch(to.resolve(FILE), MNIST.resolve(FILE))).isEqualTo(-1L);
        assertThat(listing()).hasSize(4);
    }

    /** The known size caps the download: a server that sends more is cut off, and nothing is kept. */
    @Test
    void aFileLongerThanItsKnownSizeIsCutOff() throws IOException {
        mode = Mode.TOO_LONG;
        CliTest.Result r = run("download", "mnist", "--to", to.toString(), "--mirror", base());
        assertEquals(1, r.exitCode());
        assertThat(r.err()).contains("GET " + base() + FILE + ": the server sent more than the 28,881 bytes of " + FILE);
        assertThat(listing()).hasSize(3);
    }

    /** Two downloads into one directory at once: each has its own partial file; both end with the right file. */
    @Test
    void concurrentDownloadsIntoOneDirectoryDoNotShareAPartialFile() throws Exception {
        mode = Mode.SLOW;
        Future<CliTest.Result> a = pool.submit(() -> run("download", "mnist", "--to", to.toString(), "--mirror", base()));
        Future<CliTest.Result> b = pool.submit(() -> run("download", "mnist", "--to", to.toString(), "--mirror", base()));
        CliTest.Result ra = a.get(), rb = b.get();
        assertEquals(0, ra.exitCode(), ra.err());
        assertEquals(0, rb.exitCode(), rb.err());
        assertThat(Files.mismatch(to.resolve(FILE), MNIST.resolve(FILE))).isEqualTo(-1L);
        assertThat(listing()).hasSize(4);
    }
}
