package dev.backprop.cli;

import dev.backprop.io.AtomicFiles;
import dev.backprop.io.FileProblems;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches a data set's files over HTTP(S), verifying each against its published size and md5. Bytes stream into
 * a partial file beside the target, {@code .NAME.PID.HEX.part}, unique to this download, so concurrent downloads
 * into one directory never share one; the file is moved into place (forced to disk) only once its sum matches.
 *
 * <p>Nothing hangs: connecting and every read have a timeout, so a server that stalls mid-file is given up on
 * after {@code stall} without data. A dropped or stalled connection is resumed where it broke (an HTTP range
 * request) a few times; what was received stays in the partial file, which a later run adopts once the process
 * that wrote it is gone. No file grows past its known size, whatever the server sends.
 */
final class Downloader {

    /** A file of a data set: its published md5 and its size in bytes. */
    record KnownFile(String md5, long size) {
    }

    /** A data set's files, and the mirror used unless told otherwise. */
    record DataSet(String name, URI defaultMirror, Map<String, KnownFile> files) {
    }

    /** MNIST (LeCun, Cortes, Burges) and Fashion-MNIST (Zalando Research), the original gzip-compressed IDX files. */
    static final Map<String, DataSet> SETS = Map.of(
            "mnist", new DataSet("mnist", URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"), files(
                    new KnownFile("f68b3c2dcbeaaa9fbdd348bbdeb94873", 9_912_422),
                    new KnownFile("d53e105ee54ea40749a09fcbcd1e9432", 28_881),
                    new KnownFile("9fb629c4189551a2d022fa330f9573f3", 1_648_877),
                    new KnownFile("ec29112dd5afa0611ce80d1b7f02629c", 4_542))),
            "fashion-mnist", new DataSet("fashion-mnist",
                    URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"), files(
                    new KnownFile("8d4fb7e6c68d591d4c3dfef9ec88bf0d", 26_421_880),
                    new KnownFile("25c81989df183df01b3e8a0aad5dffbe", 29_515),
                    new KnownFile("bef4ecab320f06d8554ea6380940ec79", 4_422_102),
                    new KnownFile("bb300cfdad3c16e7a12a480ee83cd310", 5_148))));

    private static Map<String, KnownFile> files(KnownFile trainImages, KnownFile trainLabels, KnownFile testImages,
                                                KnownFile testLabels) {
        Map<String, KnownFile> m = new LinkedHashMap<>();
        m.put("train-images-idx3-ubyte.gz", trainImages);
        m.put("train-labels-idx1-ubyte.gz", trainLabels);
        m.put("t10k-images-idx3-ubyte.gz", testImages);
        m.put("t10k-labels-idx1-ubyte.gz", testLabels);
        return m;
    }

    /** What happened to one file. */
    enum Outcome { DOWNLOADED, ALREADY_PRESENT }

    /** Tries per file: the first and this many resumptions after a dropped or stalled connection. */
    static final int RESUMPTIONS = 3;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(\\d+|\\*)");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The partial files this process is writing now; its others are abandoned and may be adopted. */
    private static final Set<Path> ACTIVE = ConcurrentHashMap.newKeySet();

    private final Progress progress;
    private final Duration stall;

    /** @param stall how long a read may wait for data before the connection counts as stalled */
    Downloader(Progress progress, Duration stall) {
        this.progress = progress;
        this.stall = stall;
    }

    /**
     * Makes {@code dir/file} hold the bytes at {@code base + file} whose size and md5 are {@code known}; a file
     * already there with that sum is kept.
     *
     * @throws IOException naming the URL, the bytes received of how many, and the problem (HTTP status, stall,
     *                     dropped connection, oversize, md5 mismatch, a file that cannot be written)
     */
    Outcome fetch(URI base, String file, KnownFile known, Path dir) throws IOException {
        Path target = dir.resolve(file);
        if (Files.isRegularFile(target) && Files.size(target) == known.size() && md5(target).equals(known.md5())) {
            return Outcome.ALREADY_PRESENT;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException(FileProblems.cannotWrite(target, e), e);
        }
        URI url = base.resolve(file);
        Path part = dir.resolve("." + file + "." + ProcessHandle.current().pid() + "."
                + Long.toHexString(RANDOM.nextLong()) + ".part");
        ACTIVE.add(part);
        try {
            adoptAbandonedPart(dir, file, part);
            return download(url, file, known, part, target);
        } finally {
            ACTIVE.remove(part);
        }
    }

    private Outcome download(URI url, String file, KnownFile known, Path part, Path target) throws IOException {
        String failure = null;
        try {
            for (int attempt = 0; attempt <= RESUMPTIONS; attempt++) {
                failure = attempt(url, file, known, part);
                if (failure == null) {
                    break;
                }
            }
        } catch (PartWriteException e) {
            throw e;                                           // the bytes so far are sound: kept for a later run
        } catch (IOException e) {
            Files.deleteIfExists(part);                        // the mirror serves something else: nothing to resume
            throw e;
        }
        if (failure != null) {
            long have = Files.exists(part) ? Files.size(part) : 0;
            throw new IOException("GET " + url + ": " + failure + " (tried " + (RESUMPTIONS + 1) + " times); check "
                    + "the network or choose another --mirror" + (have > 0 ? String.format(Locale.ROOT, ". The %,d "
                    + "bytes received are kept in %s; the next run resumes from them", have, part) : ""));
        }
        String got = md5(part);
        if (!got.equals(known.md5())) {
            Files.deleteIfExists(part);
            throw new IOException("md5 mismatch for " + url + ": got " + got + ", but the published sum is "
                    + known.md5() + "; the download is corrupt or the mirror serves another file. Nothing was kept: "
                    + "try again, or another --mirror");
        }
        try {
            AtomicFiles.commit(part, target);
        } catch (IOException e) {
            throw new IOException(FileProblems.cannotWrite(target, e), e);
        }
        return Outcome.DOWNLOADED;
    }

    /**
     * One request, resuming from what {@code part} holds.
     *
     * @return null when {@code part} now holds the whole file; else why not, for a retry
     * @throws IOException for what a retry cannot mend: an HTTP error, a file larger than it should be
     */
    private String attempt(URI url, String file, KnownFile known, Path part) throws IOException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (have > known.size()) {
            Files.delete(part);
            have = 0;
        }
        HttpURLConnection c;
        int status;
        try {
            URLConnection connection = url.toURL().openConnection();
            if (!(connection instanceof HttpURLConnection http)) {
                throw new IOException("GET " + url + ": not an http or https URL; give --mirror as http(s)://…/");
            }
            c = http;
            c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            c.setReadTimeout((int) stall.toMillis());
            c.setInstanceFollowRedirects(true);
            if (have > 0) {
                c.setRequestProperty("Range", "bytes=" + have + "-");
            }
            status = c.getResponseCode();
        } catch (SocketTimeoutException e) {
            return String.format(Locale.ROOT, "no answer within %s after %,d of %,d bytes", seconds(stall), have,
                    known.size());
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("GET ")) {
                throw e;
            }
            return String.format(Locale.ROOT, "could not connect (%s) after %,d of %,d bytes", reason(e), have,
                    known.size());
        }
        try {
            boolean append = false;
            if (status == 206) {
                Matcher m = CONTENT_RANGE.matcher(String.valueOf(c.getHeaderField("Content-Range")));
                append = m.matches() && Long.parseLong(m.group(1)) == have;
            } else if (status == 416 && have == known.size()) {
                return null;                                   // asked for the bytes after the last: all are here
            } else if (status != 200) {
                throw new IOException("GET " + url + ": HTTP " + status + "; the mirror does not serve this file, "
                        + "choose another --mirror");
            }
            long from = append ? have : 0;
            long length = c.getContentLengthLong();
            if (length >= 0 && from + length > known.size()) {
                throw new IOException(String.format(Locale.ROOT, "GET %s: the server announces %,d bytes, but %s "
                        + "has %,d; the mirror serves another file, choose another --mirror", url, from + length,
                        file, known.size()));
            }
            return receive(c, url, file, known, part, from);
        } finally {
            c.disconnect();
        }
    }

    /** Streams the body into {@code part} from byte {@code from}; null when complete, else why it broke off. */
    private String receive(HttpURLConnection c, URI url, String file, KnownFile known, Path part, long from)
            throws IOException {
        long done = from;
        String broke = null;
        try (Progress.Bar bar = progress.start(file, known.size(), " KiB", 1024, false);
             OutputStream out = openPart(part, from)) {
            try (InputStream in = c.getInputStream()) {
                byte[] buf = new byte[1 << 16];
                for (int r; (r = in.read(buf)) >= 0; ) {
                    if (done + r > known.size()) {
                        throw new IOException(String.format(Locale.ROOT, "GET %s: the server sent more than the "
                                + "%,d bytes of %s; the mirror serves another file, choose another --mirror", url,
                                known.size(), file));
                    }
                    write(out, buf, r, part);
                    done += r;
                    if (bar != null) {
                        bar.stepTo(done);
                    }
                }
            } catch (SocketTimeoutException e) {
                broke = String.format(Locale.ROOT, "no data for %s after %,d of %,d bytes (the server stalled)",
                        seconds(stall), done, known.size());
            } catch (IOException e) {
                if (e instanceof PartWriteException || e.getMessage() != null && e.getMessage().startsWith("GET ")) {
                    throw e;
                }
                // an early end of the body: JDK 17 reports it as the end of the stream, JDK 25 as "Premature EOF"
                boolean closed = e instanceof java.io.EOFException || "Premature EOF".equals(e.getMessage());
                broke = closed ? null : String.format(Locale.ROOT, "the connection broke (%s) after %,d of %,d bytes",
                        reason(e), done, known.size());
            }
        }
        if (broke == null && done < known.size()) {
            broke = String.format(Locale.ROOT, "the connection closed after %,d of %,d bytes", done, known.size());
        }
        return broke;
    }

    /** A failure to write the partial file (a full disk): not the network's, so not retried. */
    private static final class PartWriteException extends IOException {
        private static final long serialVersionUID = 1L;

        PartWriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static OutputStream openPart(Path part, long from) throws IOException {
        try {
            return Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    from > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new PartWriteException(FileProblems.cannotWrite(part, e), e);
        }
    }

    private static void write(OutputStream out, byte[] buf, int n, Path part) throws IOException {
        try {
            out.write(buf, 0, n);
        } catch (IOException e) {
            throw new PartWriteException(FileProblems.cannotWrite(part, e), e);
        }
    }

    /**
     * Takes over the partial file of an earlier download of {@code file} whose process has ended (killed, or
     * given up) or that this process gave up on, so that this one resumes from its bytes; a partial file that a
     * live download is writing is left alone.
     */
    private static void adoptAbandonedPart(Path dir, String file, Path part) throws IOException {
        Pattern name = Pattern.compile(Pattern.quote("." + file + ".") + "(\\d+)\\.[0-9a-f]+\\.part");
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, p -> name.matcher(
                p.getFileName().toString()).matches())) {
            for (Path p : parts) {
                Matcher m = name.matcher(p.getFileName().toString());
                if (m.matches() && !ACTIVE.contains(p) && !alive(Long.parseLong(m.group(1)))) {
                    try {
                        Files.move(p, part, StandardCopyOption.ATOMIC_MOVE);
                        return;
                    } catch (IOException e) {
                        // another download adopted it first: look on
                    }
                }
            }
        }
    }

    /** Whether another process {@code pid} runs; this process's own parts are judged by {@link #ACTIVE}. */
    private static boolean alive(long pid) {
        return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m != null && !m.isBlank() ? ": " + m : "");
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
