package dev.backprop.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads NumPy's {@code .npy} format (versions 1, 2 and 3): the magic {@code \x93NUMPY}, a version, a
 * little-endian header length, a header that is a Python dict literal
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (60000, 784), }}, then the raw elements.
 *
 * <p>Element types: float32 and float64, signed and unsigned integers of 1, 2, 4 and 8 bytes, and bool;
 * little- or big-endian ({@code <}, {@code >}; {@code |} for single bytes); C or Fortran order. Values are
 * returned as doubles in C (row-major) order; 64-bit integers beyond 2^53 round.
 *
 * <p>No Java reader of this format on Maven Central is both maintained and strict, so this one is small and
 * distrusts its input as the model readers do: the header must be exactly the dict numpy writes (three keys,
 * literal values), dimensions must be non-negative and their product must fit in an array, and the data must
 * be exactly as long as the shape says. A file's length is checked before any allocation; a stream (an
 * {@code .npz} entry) is read into a buffer that grows only as bytes arrive, so a lying shape cannot make the
 * reader allocate more than twice what the data really holds. Errors name the source and the field.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy's own reading limit for headers is 10,000 bytes; we allow more but refuse absurd lengths. */
    static final int MAX_HEADER = 1 << 20;
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final int INITIAL_BUFFER = 1 << 20;

    private Npy() {
    }

    /** The element types read, by numpy's type character and size ({@code f8}, {@code u1}, …). */
    public enum Dtype {
        /** float32. */ F4('f', 4),
        /** float64. */ F8('f', 8),
        /** bool. */ B1('b', 1),
        /** int8. */ I1('i', 1),
        /** uint8. */ U1('u', 1),
        /** int16. */ I2('i', 2),
        /** uint16. */ U2('u', 2),
        /** int32. */ I4('i', 4),
        /** uint32. */ U4('u', 4),
        /** int64. */ I8('i', 8),
        /** uint64. */ U8('u', 8);

        private final char kind;
        private final int bytes;

        Dtype(char kind, int bytes) {
            this.kind = kind;
            this.bytes = bytes;
        }

        /** Bytes per element. */
        public int bytes() {
            return bytes;
        }

        /** Whether the values are integers (or bools): class labels rather than measurements. */
        public boolean integral() {
            return kind != 'f';
        }

        static Dtype of(char kind, int bytes) {
            for (Dtype d : values()) {
                if (d.kind == kind && d.bytes == bytes) {
                    return d;
                }
            }
            return null;
        }
    }

    /**
     * One array.
     *
     * @param source where it was read from, for messages
     * @param dtype  its element type as stored
     * @param shape  its dimensions, outermost first (empty for a scalar)
     * @param values its elements in C order, as doubles
     */
    public record Array(String source, Dtype dtype, int[] shape, double[] values) {

        /** The first dimension: examples, when the array is a data set's. */
        public int rows() {
            return shape.length == 0 ? 1 : shape[0];
        }

        /** Elements per row: the product of the dimensions after the first. */
        public int rowWidth() {
            return shape.length == 0 || shape[0] == 0 ? 1 : values.length / shape[0];
        }
    }

    /** Reads a {@code .npy} file. */
    public static Array read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, Files.size(file), file.toString());
        }
    }

    /** Reads {@code .npy} bytes held in memory; {@code source} names them in errors. */
    public static Array read(byte[] bytes, String source) throws NpyFormatException {
        try {
            return read(new ByteArrayInputStream(bytes), bytes.length, source);
        } catch (NpyFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new NpyFormatException(source, "data", "unreadable (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads one array from {@code in} (not closed).
     *
     * @param length the stream's length in bytes when known (checked before allocating), else −1
     */
    public static Array read(InputStream in, long length, String source) throws IOException {
        byte[] prefix = readFully(in, 8, source, "magic");
        for (int i = 0; i < MAGIC.length; i++) {
            if (prefix[i] != MAGIC[i]) {
                throw new NpyFormatException(source, "magic", "the file does not start with \\x93NUMPY; is it a "
                        + ".npy file? (an .npz archive is read with --data npz:FILE)");
            }
        }
        int major = prefix[6] & 0xFF, minor = prefix[7] & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw new NpyFormatException(source, "version", major + "." + minor + " is not a .npy version this "
                    + "reader knows (1.0, 2.0, 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer lb = ByteBuffer.wrap(readFully(in, lengthBytes, source, "header.length")).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? lb.getShort() & 0xFFFF : lb.getInt() & 0xFFFFFFFFL;
        long prefixLength = 8 + lengthBytes;
        if (headerLength > MAX_HEADER || (length >= 0 && headerLength > length - prefixLength)) {
            throw new NpyFormatException(source, "header.length", "declares a " + headerLength + "-byte header but "
                    + (headerLength > MAX_HEADER ? "headers over " + MAX_HEADER + " bytes are refused"
                    : "only " + (length - prefixLength) + " bytes follow"));
        }
        byte[] headerBytes = readFully(in, (int) headerLength, source, "header");
        Header h = Header.parse(source, new String(headerBytes, major == 3 ? StandardCharsets.UTF_8
                : StandardCharsets.ISO_8859_1));
        long expected = h.elements * h.dtype.bytes();
        if (length >= 0) {
            long actual = length - prefixLength - headerLength;
            if (actual != expected) {
                throw new NpyFormatException(source, "data", lengthProblem(h, expected, actual));
            }
        }
        byte[] raw = readData(in, source, h, expected);
        return new Array(source, h.dtype, h.shape, decode(raw, h));
    }

    private static byte[] readFully(InputStream in, int n, String source, String field) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new NpyFormatException(source, field, "truncated: the file ends inside its " + field);
        }
        return b;
    }

    /** Exactly {@code expected} bytes, the buffer growing as they arrive; then the stream must end. */
    private static byte[] readData(InputStream in, String source, Header h, long expected) throws IOException {
        byte[] buf = new byte[(int) Math.min(expected, INITIAL_BUFFER)];
        long n = 0;
        while (n < expected) {
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(expected, 2L * buf.length));
            }
            int r;
            try {
                r = in.read(buf, (int) n, buf.length - (int) n);
            } catch (EOFException e) {
                r = -1;
            }
            if (r < 0) {
                throw new NpyFormatException(source, "data", lengthProblem(h, expected, n));
            }
            n += r;
        }
        if (in.read() >= 0) {
            throw new NpyFormatException(source, "data", "more bytes follow the " + expected + " that shape "
                    + describe(h.shape) + " of " + h.descr + " needs; the header or the data is wrong");
        }
        return buf;
    }

    private static String lengthProblem(Header h, long expected, long actual) {
        return (actual < expected ? "truncated: " : "") + "shape " + describe(h.shape) + " of " + h.descr
                + " needs " + expected + " data bytes but " + Math.max(actual, 0) + " follow the header";
    }

    private static double[] decode(byte[] raw, Header h) {
        int n = (int) h.elements;
        double[] out = new double[n];
        ByteBuffer b = ByteBuffer.wrap(raw).order(h.order);
        for (int i = 0; i < n; i++) {
            out[i] = switch (h.dtype) {
                case F4 -> b.getFloat();
                case F8 -> b.getDouble();
                case B1, U1 -> b.get() & 0xFF;
                case I1 -> b.get();
                case I2 -> b.getShort();
                case U2 -> b.getShort() & 0xFFFF;
                case I4 -> b.getInt();
                case U4 -> b.getInt() & 0xFFFFFFFFL;
                case I8 -> b.getLong();
                case U8 -> unsigned(b.getLong());
            };
        }
        return h.fortran && h.shape.length > 1 ? toRowMajor(out, h.shape) : out;
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    /** Fortran order (first index fastest) to C order (last index fastest). */
    private static double[] toRowMajor(double[] f, int[] shape) {
        double[] c = new double[f.length];
        int[] index = new int[shape.length];
        long[] cStride = new long[shape.length];
        cStride[shape.length - 1] = 1;
        for (int d = shape.length - 2; d >= 0; d--) {
            cStride[d] = cStride[d + 1] * shape[d + 1];
        }
        for (int p = 0; p < f.length; p++) {
            long ci = 0;
            for (int d = 0; d < shape.length; d++) {
                ci += index[d] * cStride[d];
            }
            c[(int) ci] = f[p];
            for (int d = 0; d < shape.length && ++index[d] == shape[d]; d++) {
                index[d] = 0;                                 // carry into the next (slower) dimension
            }
        }
        return c;
    }

    static String describe(int[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** The parsed header dict. */
    private record Header(String descr, Dtype dtype, ByteOrder order, boolean fortran, int[] shape, long elements) {

        static Header parse(String source, String text) throws NpyFormatException {
            Literal p = new Literal(source, text);
            String descr = null;
            Boolean fortran = null;
            int[] shape = null;
            p.expect('{');
            while (!p.peek('}')) {
                String key = p.string("header");
                p.expect(':');
                switch (key) {
                    case "descr" -> {
                        if (descr != null) {
                            throw p.error("header.descr", "appears twice");
                        }
                        if (p.peek('[')) {
                            throw p.error("header.descr", "is a structured dtype (a list of fields); only plain "
                                    + "numeric arrays can be read: save each field as an array of its own");
                        }
                        descr = p.string("header.descr");
                    }
                    case "fortran_order" -> {
                        if (fortran != null) {
                            throw p.error("header.fortran_order", "appears twice");
                        }
                        fortran = p.bool("header.fortran_order");
                    }
                    case "shape" -> {
                        if (shape != null) {
                            throw p.error("header.shape", "appears twice");
                        }
                        shape = p.tuple("header.shape");
                    }
                    default -> throw p.error("header", "unknown key '" + key + "'; a .npy header has descr, "
                            + "fortran_order and shape");
                }
                if (!p.peek('}')) {
                    p.expect(',');
                }
            }
            p.expect('}');
            p.end();
            if (descr == null || fortran == null || shape == null) {
                throw new NpyFormatException(source, "header", "missing " + (descr == null ? "descr"
                        : fortran == null ? "fortran_order" : "shape"));
            }
            long elements = 1;
            for (int d : shape) {
                elements *= d;
                if (elements > MAX_ELEMENTS) {
                    throw new NpyFormatException(source, "header.shape", describe(shape) + " has more elements than "
                            + "a Java array holds (" + MAX_ELEMENTS + ")");
                }
            }
            if (descr.length() < 3) {
                throw unsupported(source, descr);
            }
            char orderChar = descr.charAt(0);
            int size;
            try {
                size = Integer.parseInt(descr.substring(2));
            } catch (NumberFormatException e) {
                throw unsupported(source, descr);
            }
            Dtype dtype = Dtype.of(descr.charAt(1), size);
            if (dtype == null) {
                throw unsupported(source, descr);
            }
            ByteOrder order;
            if (orderChar == '<' || (orderChar == '|' && size == 1)) {
                order = ByteOrder.LITTLE_ENDIAN;
            } else if (orderChar == '>') {
                order = ByteOrder.BIG_ENDIAN;
            } else {
                throw new NpyFormatException(source, "header.descr", "'" + descr + "': byte order '" + orderChar
                        + "' is not '<' (little-endian) or '>' (big-endian)" + (orderChar == '|'
                        ? " ('|' is for single-byte types)" : ""));
            }
            return new Header(descr, dtype, order, fortran, shape, elements);
        }

        private static NpyFormatException unsupported(String source, String descr) {
            return new NpyFormatException(source, "header.descr", "'" + Literal.abbreviate(descr) + "' is not a "
                    + "supported dtype: backprop reads float32/float64 (<f4, <f8), integers of 1-8 bytes (i1..i8, "
                    + "u1..u8) and bool (|b1), either byte order; convert with array.astype('<f8')");
        }
    }

    /** A strict reader of the Python literals a .npy header holds. */
    private static final class Literal {
        private final String source;
        private final String s;
        private int at;

        Literal(String source, String s) {
            this.source = source;
            this.s = s;
        }

        NpyFormatException error(String field, String problem) {
            return new NpyFormatException(source, field, problem);
        }

        private void skipSpace() {
            while (at < s.length() && (s.charAt(at) == ' ' || s.charAt(at) == '\t')) {
                at++;
            }
        }

        boolean peek(char c) {
            skipSpace();
            return at < s.length() && s.charAt(at) == c;
        }

        void expect(char c) throws NpyFormatException {
            if (!peek(c)) {
                throw error("header", "expected '" + c + "' at character " + at + " of " + quoted());
            }
            at++;
        }

        void end() throws NpyFormatException {
            skipSpace();
            if (at != s.length() - 1 || s.charAt(at) != '\n') {
                throw error("header", "must end with '}', padding spaces and one newline: " + quoted());
            }
        }

        String string(String field) throws NpyFormatException {
            skipSpace();
            if (at >= s.length() || (s.charAt(at) != '\'' && s.charAt(at) != '"')) {
                throw error(field, "expected a quoted string at character " + at + " of " + quoted());
            }
            char q = s.charAt(at);
            int end = s.indexOf(q, at + 1);
            if (end < 0 || s.substring(at + 1, end).indexOf('\\') >= 0) {
                throw error(field, "unterminated or escaped string in " + quoted());
            }
            String v = s.substring(at + 1, end);
            at = end + 1;
            return v;
        }

        boolean bool(String field) throws NpyFormatException {
            skipSpace();
            if (s.startsWith("True", at)) {
                at += 4;
                return true;
            }
            if (s.startsWith("False", at)) {
                at += 5;
                return false;
            }
            throw error(field, "expected True or False in " + quoted());
        }

        int[] tuple(String field) throws NpyFormatException {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            while (!peek(')')) {
                skipSpace();
                int start = at;
                while (at < s.length() && s.charAt(at) >= '0' && s.charAt(at) <= '9' && at - start < 11) {
                    at++;
                }
                if (at == start) {
                    throw error(field, "expected a dimension (a non-negative integer) at character " + at + " of "
                            + quoted());
                }
                long d = Long.parseLong(s.substring(start, at));
                if (d > MAX_ELEMENTS) {
                    throw error(field, "dimension " + d + " is larger than a Java array holds (" + MAX_ELEMENTS + ")");
                }
                dims.add((int) d);
                if (dims.size() > 32) {
                    throw error(field, "more than 32 dimensions (numpy's limit)");
                }
                if (!peek(')')) {
                    expect(',');
                }
            }
            expect(')');
            if (dims.size() == 1 && !s.substring(0, at - 1).stripTrailing().endsWith(",")) {
                throw error(field, "a one-dimensional shape is written (n,), with its comma: " + quoted());
            }
            return dims.stream().mapToInt(Integer::intValue).toArray();
        }

        private String quoted() {
            return "\"" + abbreviate(s.strip()) + "\"";
        }

        static String abbreviate(String t) {
            return t.length() <= 80 ? t : t.substring(0, 80) + "…";
        }
    }
}
