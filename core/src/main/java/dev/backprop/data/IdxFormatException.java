package dev.backprop.data;

import java.io.IOException;
import java.nio.file.Path;

/** Data that is not the IDX it claims to be; the message names the file (or source) and the problem. */
public class IdxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public IdxFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public IdxFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** For data read from somewhere other than a file; {@code source} names it (e.g. a URL). */
    public IdxFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.file = null;
    }

    /** For data read from somewhere other than a file; {@code source} names it (e.g. a URL). */
    public IdxFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.file = null;
    }

    /** The offending file, or null when the data came from memory. */
    public Path file() {
        return file;
    }
}
