package dev.backprop.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Writes that fail say which file and why, leave the old file whole, and what a killed writer leaves is cleaned. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    /** A disk that records each step, with a channel that holds {@code capacity} bytes before the disk is full. */
    static AtomicFiles.Disk recording(List<String> log, long capacity) {
        return new AtomicFiles.Disk() {
            @Override
            public FileChannel createNew(Path tmp) throws IOException {
                log.add("create");
                return new FaultyChannel(AtomicFiles.REAL.createNew(tmp), capacity, log);
            }

            @Override
            public void move(Path tmp, Path target) throws IOException {
                log.add("move");
                AtomicFiles.REAL.move(tmp, target);
            }

            @Override
            public void syncDirectory(Path d) {
                log.add("sync " + d.getFileName());
                AtomicFiles.REAL.syncDirectory(d);
            }
        };
    }

    @Test
    void theDataIsForcedBeforeTheRenameAndTheDirectoryAfterIt() throws IOException {
        Path target = dir.resolve("m.bin");
        List<String> log = new ArrayList<>();
        AtomicFiles.write(target, out -> out.write(new byte[100_000]), recording(log, Long.MAX_VALUE));
        assertThat(log).containsExactly("create", "force 100000", "close", "move", "sync " + dir.getFileName());
        assertEquals(100_000, Files.size(target));
    }

    /** The JDK reports a full disk as "No space left on device", naming no file; we name the target. */
    @Test
    void aFullDiskNamesTheTargetAndTheCauseAndLeavesTheOldFileWhole() throws IOException {
        Path target = dir.resolve("model.safetensors");
        Files.writeString(target, "old");
        var e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> out.write(new byte[1 << 20]),
                recording(new ArrayList<>(), 100_000)));
        assertEquals("cannot write " + target + ": no space left on device", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertThat(ChildJvm.temporaries(dir)).isEmpty();
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsNamed() throws IOException {
        Path notADir = dir.resolve("good.json");
        Files.writeString(notADir, "{}");
        for (Path target : List.of(notADir.resolve("model.safetensors"), notADir.resolve("sub/model.safetensors"))) {
            var e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> out.write(1)));
            assertThat(e.getMessage()).isEqualTo("cannot write " + target + ": " + notADir + " is not a directory");
            var check = assertThrows(IOException.class, () -> AtomicFiles.checkWritable(target));
            assertThat(check.getMessage()).isEqualTo(e.getMessage());
        }
    }

    /**
     * The JDK's AccessDeniedException carries only the path of the temporary file it could not create; the
     * message must say "permission denied" and name the target, not the temporary file.
     */
    @Test
    void permissionDeniedIsSaidInWordsWithoutTheTemporaryName() {
        Path target = dir.resolve("ro/model.safetensors");
        Path tmp = dir.resolve("ro/.model.safetensors.3f2a9c.tmp");
        assertEquals("cannot write " + target + ": permission denied",
                FileProblems.cannotWrite(target, new AccessDeniedException(tmp.toString())));
        assertEquals("cannot write " + target + ": permission denied (" + dir.resolve("ro") + ")",
                FileProblems.cannotWrite(target, new AccessDeniedException(dir.resolve("ro").toString())));
    }

    /** The same through the real file system, where it can be seen (not as root, who may write anywhere). */
    @Test
    void aReadOnlyDirectoryIsRefusedBeforeAnythingIsComputed() throws IOException {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(ro), "running as root: a read-only directory is writable");
            Path target = ro.resolve("model.safetensors");
            var e = assertThrows(IOException.class, () -> AtomicFiles.checkWritable(target));
            assertEquals("cannot write " + target + ": permission denied", e.getMessage());
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void checkWritableCreatesTheDirectoryAndLeavesNoFile() throws IOException {
        Path target = dir.resolve("a/b/model.safetensors");
        AtomicFiles.checkWritable(target);
        try (var s = Files.list(dir.resolve("a/b"))) {
            assertThat(s).isEmpty();
        }
        assertThat(assertThrows(IOException.class, () -> AtomicFiles.checkWritable(dir)).getMessage())
                .isEqualTo("cannot write " + dir + ": " + dir + " is a directory");
    }

    @Test
    void onlyOurStaleTemporariesOfThatTargetAreRemoved() throws IOException {
        Path target = dir.resolve("m.safetensors");
        Path stale = Files.writeString(dir.resolve(".m.safetensors.1a2b3c4d5e6f7081.tmp"), "x");
        Path live = Files.writeString(dir.resolve(".m.safetensors.99.tmp"), "x");          // written after we started
        Path other = Files.writeString(dir.resolve(".n.safetensors.1a2b.tmp"), "x");
        Path notOurs = Files.writeString(dir.resolve(".m.safetensors.tmp"), "x");
        for (Path p : List.of(stale, other, notOurs)) {
            Files.setLastModifiedTime(p, FileTime.fromMillis(0));
        }
        assertThat(AtomicFiles.removeStaleTemporaries(target)).containsExactly(stale);
        assertThat(stale).doesNotExist();
        assertThat(live).exists();
        assertThat(other).exists();
        assertThat(notOurs).exists();
    }

    /**
     * A child JVM killed (SIGKILL) in the middle of writing: the old file is intact, its temporary file is left;
     * a later process removes it, while this one (older than the leftover) leaves it alone.
     */
    @Test
    void aWriterKilledMidWriteLeavesTheOldFileAndALeftoverThatALaterProcessRemoves() throws Exception {
        Path target = dir.resolve("model.safetensors");
        Files.writeString(target, "old model");
        Process writer = ChildJvm.start(List.of("-Xmx64m"), "write-and-hang", target.toString());
        try {
            assertEquals("writing", ChildJvm.firstLine(writer));
        } finally {
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertEquals("old model", Files.readString(target, StandardCharsets.UTF_8));
        List<Path> left = ChildJvm.temporaries(dir);
        assertThat(left).hasSize(1);
        assertThat(Files.size(left.get(0))).isEqualTo(1 << 20);
        assertThat(AtomicFiles.removeStaleTemporaries(target)).isEmpty();      // it may belong to a live writer
        ChildJvm.Result clean = ChildJvm.run(List.of("-Xmx64m"), "clean", target.toString());
        assertEquals(0, clean.exitCode(), clean.output());
        assertThat(clean.output()).contains("removed " + left.get(0));
        assertThat(ChildJvm.temporaries(dir)).isEmpty();
        assertEquals("old model", Files.readString(target, StandardCharsets.UTF_8));
    }
}
