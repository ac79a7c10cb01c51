package dev.backprop.cli;

import dev.backprop.io.AtomicFiles;
import me.tongfei.progressbar.ProgressBar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fetches a data set's files over HTTP(S) with java.net.http, verifying each against its published md5. Bytes
 * stream into a temporary file beside the target and are moved into place only once the sum matches; on any
 * failure (HTTP error, broken connection, wrong sum) the partial file is removed and the target left untouched.
 */
final class Downloader {

    /** A data set's files and their published md5 sums, and the mirror used unless told otherwise. */
    record DataSet(String name, URI defaultMirror, Map<String, String> md5) {
    }

    /** MNIST (LeCun, Cortes, Burges) and Fashion-MNIST (Zalando Research), the original gzip-compressed IDX files. */
    static final Map<String, DataSet> SETS = Map.of(
            "mnist", new DataSet("mnist", URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"), files(
                    "f68b3c2dcbeaaa9fbdd348bbdeb94873", "d53e105ee54ea40749a09fcbcd1e9432",
                    "9fb629c4189551a2d022fa330f9573f3", "ec29112dd5afa0611ce80d1b7f02629c")),
            "fashion-mnist", new DataSet("fashion-mnist",
                    URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"), files(
                    "8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe",
                    "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310")));

    private static Map<String, String> files(String trainImages, String trainLabels, String testImages, String testLabels) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("train-images-idx3-ubyte.gz", trainImages);
        m.put("train-labels-idx1-ubyte.gz", trainLabels);
        m.put("t10k-images-idx3-ubyte.gz", testImages);
        m.put("t10k-labels-idx1-ubyte.gz", testLabels);
        return m;
    }

    /** What happened to one file. */
    enum Outcome { DOWNLOADED, ALREADY_PRESENT }

    private final HttpClient client;
    private final Progress progress;

    Downloader(Progress progress) {
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        this.progress = progress;
    }

    /**
     * Makes {@code dir/file} hold the bytes at {@code base + file} whose md5 is {@code md5}; a file already there
     * with that sum is kept.
     *
     * @throws IOException naming the URL and the problem (HTTP status, md5 mismatch, I/O failure)
     */
    Outcome fetch(URI base, String file, String md5, Path dir) throws IOException, InterruptedException {
        Path target = dir.resolve(file);
        if (Files.isRegularFile(target) && md5(target).equals(md5)) {
            return Outcome.ALREADY_PRESENT;
        }
        URI url = base.resolve(file);
        HttpResponse<InputStream> response;
        try {
            response = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IOException("GET " + url + " failed (" + e + "); check the network or choose another --mirror", e);
        }
        Files.createDirectories(dir);
        Path part = dir.resolve("." + file + ".part");
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("GET " + url + ": HTTP " + response.statusCode()
                        + "; the mirror does not serve this file, choose another --mirror");
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);   // −1: a bar without a total
            MessageDigest digest = md5Digest();
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                 ProgressBar bar = progress.start(file, length > 0 ? length : -1, " KiB", 1024, false)) {
                byte[] buf = new byte[1 << 16];
                long done = 0;
                for (int r; (r = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, r);
                    digest.update(buf, 0, r);
                    done += r;
                    if (bar != null) {
                        bar.stepTo(done);
                    }
                }
            }
            String got = HexFormat.of().formatHex(digest.digest());
            if (!got.equals(md5)) {
                throw new IOException("md5 mismatch for " + url + ": got " + got + ", but the published sum is " + md5
                        + "; the download is corrupt or the mirror serves another file. Nothing was kept: try again, "
                        + "or another --mirror");
            }
            AtomicFiles.moveIntoPlace(part, target);
            return Outcome.DOWNLOADED;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** The md5 of a file's content, lower-case hex. */
    static String md5(Path file) throws IOException {
        MessageDigest digest = md5Digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) >= 0; ) {
                digest.update(buf, 0, r);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest md5Digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5, which every Java platform must provide", e);
        }
    }
}
