package dev.backprop.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes a file so that readers see the old content or the complete new content, never a torn one, even if the
 * process is killed or the machine loses power: the bytes go to a temporary file beside the target
 * ({@code .NAME.HEX.tmp}), are forced to the disk, and the file is moved over the target (atomically where the
 * file system can), after which the directory is forced too, so that the rename itself survives a crash.
 *
 * <p>On failure the temporary file is removed, the target is left as it was, and the exception says which file
 * could not be written and why ("permission denied", "no space left on device", …). A process killed while
 * writing leaves its temporary file behind; {@link #removeStaleTemporaries} removes those of a target that are
 * older than the running process.
 */
public final class AtomicFiles {

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * The three file-system steps of a write, apart so that a test can fail one of them (a full disk, a rename
     * refused) or record their order.
     */
    interface Disk {
        /** Creates {@code tmp}, which must not exist, for writing. */
        FileChannel createNew(Path tmp) throws IOException;

        /** Moves the finished {@code tmp} over {@code target}. */
        void move(Path tmp, Path target) throws IOException;

        /** Forces {@code dir}'s entries (the rename) to the disk, where the platform allows it. */
        void syncDirectory(Path dir);
    }

    /** The real file system. */
    static final Disk REAL = new Disk() {
        @Override
        public FileChannel createNew(Path tmp) throws IOException {
            // not Files.createTempFile: its owner-only permissions would stick to the target; this honours the umask
            return FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }

        @Override
        public void move(Path tmp, Path target) throws IOException {
            moveIntoPlace(tmp, target);
        }

        @Override
        public void syncDirectory(Path dir) {
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException | UnsupportedOperationException e) {
                // Windows cannot open a directory, and some file systems refuse to force one: the data itself was
                // forced before the rename, so a crash now can at worst lose the rename, never tear the file
            }
        }
    };

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TEMPORARY = Pattern.compile("\\.(.+)\\.[0-9a-f]{1,16}\\.tmp");
    /**
     * When this JVM started (to the millisecond; {@code ProcessHandle}'s start instant is only as exact as the
     * boot time in whole seconds): temporary files last modified before it belong to no live write of ours.
     */
    private static final Instant PROCESS_START =
            Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} through {@code writer}, via a temporary file in the same directory (created if
     * missing), forced to the disk before it is moved into place.
     *
     * @throws IOException whose message is {@code cannot write TARGET: CAUSE}; the target is left as it was
     */
    public static void write(Path target, Writer writer) throws IOException {
        write(target, writer, REAL);
    }

    static void write(Path target, Writer writer, Disk disk) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path tmp = null;
        try {
            Path dir = prepareDirectory(absolute);
            tmp = dir.resolve("." + absolute.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            try (FileChannel channel = disk.createNew(tmp)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                writer.writeTo(out);
                out.flush();
                channel.force(true);                  // the data on the disk before the name points at it
            }
            disk.move(tmp, absolute);
            tmp = null;
            disk.syncDirectory(dir);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new IOException(FileProblems.cannotWrite(target, e), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /**
     * Checks now that {@link #write} will be able to create a file beside {@code target}: creates the directory
     * if missing and opens (then removes) a temporary file in it, so that a long computation is not started for
     * a result that cannot be written.
     *
     * @throws IOException whose message is {@code cannot write TARGET: CAUSE}
     */
    public static void checkWritable(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path tmp = null;
        try {
            if (Files.isDirectory(absolute)) {
                throw new IOException(absolute + " is a directory");
            }
            Path dir = prepareDirectory(absolute);
            tmp = dir.resolve("." + absolute.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            REAL.createNew(tmp).close();
        } catch (IOException e) {
            throw new IOException(FileProblems.cannotWrite(target, e), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * Removes the temporary files that writes of {@code target} left behind (a process killed mid-write) and
     * that were last modified before this process started, so that no live write is disturbed.
     *
     * @return the files removed; those that could not be removed are left and not returned
     */
    public static List<Path> removeStaleTemporaries(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        List<Path> removed = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return removed;
        }
        String name = absolute.getFileName().toString();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                p -> isTemporaryOf(p.getFileName().toString(), name))) {
            for (Path p : entries) {
                try {
                    if (Files.isRegularFile(p) && Files.getLastModifiedTime(p).toInstant().isBefore(PROCESS_START)
                            && Files.deleteIfExists(p)) {
                        removed.add(p);
                    }
                } catch (IOException e) {
                    // another process removed it first, or it cannot be removed: leave it
                }
            }
        }
        return removed;
    }

    /** Whether {@code file} is the name of a temporary file that {@link #write} makes for {@code target}. */
    static boolean isTemporaryOf(String file, String target) {
        var m = TEMPORARY.matcher(file);
        return m.matches() && m.group(1).equals(target);
    }

    /**
     * Makes a temporary file written elsewhere (e.g. a download) the content of {@code target}, as {@link #write}
     * does: forces its data to the disk, moves it over the target, forces the directory.
     */
    public static void commit(Path finished, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(finished, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        REAL.move(finished, target.toAbsolutePath());
        REAL.syncDirectory(target.toAbsolutePath().getParent());
    }

    /** Moves a finished temporary file over {@code target}: atomically where supported, else by replacing it. */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The directory of {@code absolute}, created if missing. */
    private static Path prepareDirectory(Path absolute) throws IOException {
        Path dir = absolute.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            // a file where a directory of the path should be: name that file, not the directory below it
            for (Path p = dir; p != null; p = p.getParent()) {
                if (Files.exists(p)) {
                    if (!Files.isDirectory(p)) {
                        throw new java.nio.file.NotDirectoryException(p.toString());
                    }
                    break;
                }
            }
            throw e;
        }
        return dir;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // the original failure is the one to report
            }
        }
    }
}
