package dev.backprop.data;

import java.io.IOException;

/**
 * A NumPy {@code .npy} array (or an {@code .npz} archive, or its entry) that cannot be read. The message is
 * {@code SOURCE: FIELD: problem}, e.g. {@code data.npz[x_train.npy]: header.shape: …}.
 */
public class NpyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String field;

    /**
     * @param source  the file, or {@code archive.npz[entry.npy]}
     * @param field   the part of the format that is wrong: {@code magic}, {@code header.shape}, {@code data}, …
     * @param problem what is wrong and, where it helps, what to do
     */
    public NpyFormatException(String source, String field, String problem) {
        super(source + ": " + field + ": " + problem);
        this.source = source;
        this.field = field;
    }

    /** As {@link #NpyFormatException(String, String, String)}, with the exception that revealed it. */
    public NpyFormatException(String source, String field, String problem, Throwable cause) {
        super(source + ": " + field + ": " + problem, cause);
        this.source = source;
        this.field = field;
    }

    /** The file, or {@code archive.npz[entry.npy]}. */
    public String source() {
        return source;
    }

    /** The part of the format that is wrong. */
    public String field() {
        return field;
    }
}
