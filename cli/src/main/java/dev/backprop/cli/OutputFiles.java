package dev.backprop.cli;

import dev.backprop.io.AtomicFiles;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Files a command will write when it is done (a model, a plot, metrics, a checkpoint): checked before the work
 * starts, so that hours of training never end in "cannot write", and cleared of what an earlier, killed run of
 * the same command left behind.
 */
final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * Creates {@code target}'s directory, opens a temporary file there (then removes it), and removes the stale
     * temporary files an interrupted write of {@code target} left, saying so on {@code err}.
     *
     * @throws IOException {@code cannot write TARGET: CAUSE}
     */
    static void prepare(Path target, PrintWriter err) throws IOException {
        AtomicFiles.checkWritable(target);
        for (Path leftover : AtomicFiles.removeStaleTemporaries(target)) {
            err.println("note: removed " + leftover + ", left by an interrupted write of " + target);
        }
        err.flush();
    }
}
