package dev.backprop.cli;

import dev.backprop.io.FileProblems;
import dev.backprop.io.ModelFiles;
import dev.backprop.io.SavedModel;
import dev.backprop.nn.Network;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where {@code train --save} puts the trained model, and the promise that the model is not lost: the target is
 * checked writable before the first epoch, and if the final write still fails (the disk filled up meanwhile,
 * the directory was removed), the model goes to a fallback file beside it, or else in the temporary directory,
 * and the error names both.
 */
final class SaveTarget {

    /** Writes a model file: {@link ModelFiles#write} in use, a failing one in tests. */
    @FunctionalInterface
    interface Writer {
        void write(SavedModel model, Path file) throws IOException;
    }

    private final Path file;
    private final Writer writer;

    SaveTarget(Path file) {
        this(file, ModelFiles::write);
    }

    SaveTarget(Path file, Writer writer) {
        this.file = file;
        this.writer = writer;
    }

    Path file() {
        return file;
    }

    /**
     * Before training: the extension names a format, the directory exists (created if need be) and a file can be
     * created in it; leftovers of an interrupted earlier save are removed.
     *
     * @throws IOException {@code cannot write FILE: CAUSE}
     */
    void checkWritable(PrintWriter err) throws IOException {
        ModelFiles.Format.of(file);
        OutputFiles.prepare(file, err);
    }

    /** Before training, once the network exists: the format can describe it (network2 JSON: sigmoid only). */
    void checkFits(Network network) {
        ModelFiles.checkSavable(network, file);
    }

    /**
     * Writes {@code model} to the file; when that fails, to the first fallback that works.
     *
     * @throws IOException saying why the file could not be written and where the model went instead (or, when
     *                     every fallback failed too, why not)
     */
    void save(SavedModel model) throws IOException {
        IOException failure;
        try {
            writer.write(model, file);
            return;
        } catch (IOException e) {
            failure = e;
        }
        List<String> tried = new ArrayList<>();
        for (Path fallback : fallbacks()) {
            try {
                writer.write(model, fallback);
            } catch (IOException e) {
                tried.add(message(e, fallback));
                continue;
            }
            throw new IOException(message(failure, file) + "; the trained model was saved to " + fallback
                    + " instead", failure);
        }
        throw new IOException(message(failure, file) + "; the fallbacks failed too (" + String.join("; ", tried)
                + "): the trained model is lost", failure);
    }

    /** Beside the file, then in the temporary directory: {@code NAME.rescued-DATE-TIME.EXT}, the same format. */
    List<Path> fallbacks() {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        String rescued = name.substring(0, dot) + ".rescued-" + stamp + name.substring(dot);
        Path beside = file.toAbsolutePath().resolveSibling(rescued);
        Path temp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().resolve(rescued);
        return beside.equals(temp) ? List.of(beside) : List.of(beside, temp);
    }

    private static String message(IOException e, Path target) {
        String m = e.getMessage();
        return m != null && m.startsWith("cannot write ") ? m : FileProblems.cannotWrite(target, e);
    }
}
