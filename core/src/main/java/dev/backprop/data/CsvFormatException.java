package dev.backprop.data;

import java.io.IOException;

/**
 * A CSV file that cannot be read as a data set. The message starts with {@code FILE:LINE:} (line 1 is the
 * header), as compilers print positions, then names the column and the problem.
 */
public class CsvFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;

    /**
     * @param source  the file (or other source) name
     * @param line    the 1-based line of the problem, 0 when it concerns the whole file
     * @param problem what is wrong and, where it helps, what to do
     */
    public CsvFormatException(String source, long line, String problem) {
        super(source + (line > 0 ? ":" + line : "") + ": " + problem);
        this.source = source;
        this.line = line;
    }

    /** The file (or other source) name. */
    public String source() {
        return source;
    }

    /** The 1-based line of the problem; 0 when it concerns the whole file. */
    public long line() {
        return line;
    }
}
