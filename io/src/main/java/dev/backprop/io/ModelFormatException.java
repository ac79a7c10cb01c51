package dev.backprop.io;

import java.io.IOException;

/**
 * A model or checkpoint file that is not what it claims to be. The message names the file (or source), the
 * field at fault (e.g. {@code header.layers.0.weight.data_offsets}) and what is wrong with it.
 */
public class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String field;

    public ModelFormatException(String source, String field, String problem) {
        super(source + ": " + field + ": " + problem);
        this.source = source;
        this.field = field;
    }

    public ModelFormatException(String source, String field, String problem, Throwable cause) {
        super(source + ": " + field + ": " + problem, cause);
        this.source = source;
        this.field = field;
    }

    /** The file (or other source) that was read. */
    public String source() {
        return source;
    }

    /** The field at fault, as a dotted path, e.g. {@code header.length} or {@code weights[1][3]}. */
    public String field() {
        return field;
    }
}
