package dev.backprop.data;

import dev.backprop.memory.MemoryBudget;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (LeCun's format for MNIST): a 4-byte magic {@code 0x00 0x00 type ndims}, then ndims
 * big-endian 32-bit dimensions, then the data. Gzip-compressed files are recognised by their content, not
 * their name.
 *
 * <p>The reader distrusts the header: dimensions must be positive, their product must fit in an array, and
 * the data must be exactly as long as they say. A raw file's length is checked before any allocation; a
 * gzip stream's data buffer grows as bytes actually arrive, so a header that lies about its size cannot make
 * the reader allocate more than twice what the file really holds; once more than a mebibyte has arrived, the
 * declared size is checked against the free heap ({@link MemoryBudget}). Decompression stops at the size the header declares (plus a little, to report
 * an overlong file), so a small gzip bomb is never inflated in full.
 */
public final class Idx {

    /** The only element type this reader accepts: unsigned byte. */
    public static final int UNSIGNED_BYTE = 0x08;
    private static final int MAX_DIMENSIONS = 8;
    private static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final int INITIAL_BUFFER = 1 << 20;
    /** Bytes past the declared data that are inflated to say how much too long a gzip file is; no more. */
    private static final int OVERLONG_PROBE = 1 << 16;

    private Idx() {
    }

    /**
     * The contents of one IDX file.
     *
     * @param file       where it was read from; null when it was read from memory
     * @param dimensions the dimensions of what was read, outermost first (e.g. 60000, 28, 28): the header's,
     *                   except the first after {@link #readFirst}
     * @param data       the elements, unsigned bytes, row-major
     * @param dimensionsOfFile the header's dimensions; they differ from {@code dimensions} in the first only,
     *                         when {@link #readFirst} read fewer entries than the file holds
     */
    public record IdxFile(Path file, int[] dimensions, byte[] data, int[] dimensionsOfFile) {

        /** A whole file: what was read is what the header declares. */
        public IdxFile(Path file, int[] dimensions, byte[] data) {
            this(file, dimensions, data, dimensions);
        }

        public int count() {
            return dimensions[0];
        }
    }

    /**
     * Reads an unsigned-byte IDX file, raw or gzip-compressed.
     *
     * @throws IdxFormatException when the file is not valid IDX: bad magic, unsupported type, impossible or
     *                            lying dimensions, truncated or overlong data, corrupt gzip
     * @throws IOException        when the file cannot be read at all
     */
    public static IdxFile read(Path file) throws IOException {
        return read(file, Integer.MAX_VALUE);
    }

    /**
     * Reads the header and the first {@code items} entries (along the first dimension) of an unsigned-byte IDX
     * file, raw or gzip-compressed; the rest is neither read nor decompressed. The result's first dimension is
     * the number of entries read: {@code min(items, the header's count)}.
     *
     * @throws IdxFormatException as {@link #read(Path)}, but only for what was read
     */
    public static IdxFile readFirst(Path file, int items) throws IOException {
        if (items < 1) {
            throw new IllegalArgumentException("items must be at least 1, got " + items);
        }
        return read(file, items);
    }

    /** The header's dimensions, outermost first, without reading the data. */
    public static int[] dimensions(Path file) throws IOException {
        return readFirst(file, 1).dimensionsOfFile();
    }

    private static IdxFile read(Path file, int items) throws IOException {
        boolean gzip;
        try (InputStream in = Files.newInputStream(file)) {
            gzip = in.read() == 0x1f && in.read() == 0x8b;
        }
        try (InputStream raw = Files.newInputStream(file)) {
            return parse(file, file.toString(), raw, gzip, gzip ? -1 : Files.size(file), items);
        }
    }

    /**
     * Reads an unsigned-byte IDX file held in memory, raw or gzip-compressed (recognised by its first two bytes).
     *
     * @param source what to call the bytes in error messages, e.g. the URL they came from
     * @throws IdxFormatException as {@link #read(Path)}, naming {@code source}
     */
    public static IdxFile read(byte[] bytes, String source) throws IdxFormatException {
        boolean gzip = bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1f && (bytes[1] & 0xFF) == 0x8b;
        try {
            return parse(null, source, new ByteArrayInputStream(bytes), gzip, gzip ? -1 : bytes.length, Integer.MAX_VALUE);
        } catch (IdxFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IdxFormatException(source, "unreadable (" + e + ")", e);   // gzip internals; memory cannot fail
        }
    }

    /**
     * @param rawLength the length of the uncompressed stream when known up front (checked before allocating),
     *                  or −1 for gzip, whose length is only known by reading it
     */
    private static IdxFile parse(Path file, String source, InputStream raw, boolean gzip, long rawLength, int items)
            throws IOException {
        try (InputStream in = new BufferedInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16)) {
            DataInputStream data = new DataInputStream(in);
            int[] dims = readHeader(source, data);
            long expected = elementCount(source, dims);
            int headerBytes = 4 + 4 * dims.length;
            boolean whole = items >= dims[0];
            long wanted = whole ? expected : expected / dims[0] * items;
            if (rawLength >= 0) {
                long actual = rawLength - headerBytes;
                if (whole ? actual != expected : actual < wanted) {
                    throw new IdxFormatException(source, lengthProblem(dims, expected, actual));
                }
            }
            byte[] body = readExactly(source, in, (int) wanted, dims, expected, whole);
            if (whole) {
                return new IdxFile(file, dims, body);
            }
            int[] head = dims.clone();
            head[0] = items;
            return new IdxFile(file, head, body, dims);
        } catch (ZipException e) {
            throw new IdxFormatException(source, "corrupt gzip data (" + e.getMessage() + "); download the file again", e);
        } catch (EOFException e) {
            throw new IdxFormatException(source, "truncated: the file ends inside its header or its gzip stream", e);
        }
    }

    private static int[] readHeader(String file, DataInputStream in) throws IOException {
        int zero1 = in.readUnsignedByte(), zero2 = in.readUnsignedByte();
        int type = in.readUnsignedByte(), ndims = in.readUnsignedByte();
        if (zero1 != 0 || zero2 != 0) {
            throw new IdxFormatException(file, String.format("bad magic number 0x%02X%02X%02X%02X: an IDX file "
                    + "starts with two zero bytes (e.g. 0x00000803 for images); is this an IDX file?",
                    zero1, zero2, type, ndims));
        }
        if (type != UNSIGNED_BYTE) {
            throw new IdxFormatException(file, String.format("element type 0x%02X is not supported; only unsigned "
                    + "byte (0x08) IDX files, such as MNIST's, can be read", type));
        }
        if (ndims < 1 || ndims > MAX_DIMENSIONS) {
            throw new IdxFormatException(file, "header declares " + ndims + " dimensions; expected 1 to "
                    + MAX_DIMENSIONS);
        }
        int[] dims = new int[ndims];
        for (int i = 0; i < ndims; i++) {
            dims[i] = in.readInt();
            if (dims[i] <= 0) {
                throw new IdxFormatException(file, "dimension " + i + " is " + Integer.toUnsignedLong(dims[i])
                        + " in the header " + Arrays.toString(Arrays.copyOf(dims, i + 1))
                        + "; dimensions must be positive 31-bit numbers");
            }
        }
        return dims;
    }

    private static long elementCount(String file, int[] dims) throws IdxFormatException {
        long n = 1;
        for (int d : dims) {
            n *= d;
            if (n > MAX_ELEMENTS) {
                throw new IdxFormatException(file, "header dimensions " + describe(dims)
                        + " multiply to more elements than this reader can hold (" + MAX_ELEMENTS + ")");
            }
        }
        return n;
    }

    /**
     * The first {@code wanted} data bytes, in a buffer that grows as they arrive (each growth checked against the
     * free heap); when {@code whole}, also checks that nothing follows, inflating at most
     * {@link #OVERLONG_PROBE} more bytes to say so.
     */
    private static byte[] readExactly(String file, InputStream in, int wanted, int[] dims, long expected,
                                      boolean whole) throws IOException {
        byte[] buf = new byte[Math.min(wanted, INITIAL_BUFFER)];
        int n = 0;
        while (n < wanted) {
            if (n == buf.length) {
                if (buf.length == INITIAL_BUFFER) {        // the data is really there past 1 MiB: budget for all of it
                    MemoryBudget.require((long) wanted + buf.length, String.format(java.util.Locale.ROOT,
                            "reading the %,d data bytes of %s (%s)", (long) wanted, file, describe(dims)));
                }
                buf = Arrays.copyOf(buf, (int) Math.min(wanted, 2L * buf.length));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                throw new IdxFormatException(file, lengthProblem(dims, expected, n));
            }
            n += r;
        }
        if (whole && in.read() >= 0) {
            long extra = 1;
            byte[] probe = new byte[8192];
            for (int r; extra <= OVERLONG_PROBE && (r = in.read(probe)) >= 0; ) {
                extra += r;
            }
            boolean more = extra > OVERLONG_PROBE;
            throw new IdxFormatException(file, lengthProblem(dims, expected, expected + extra)
                    .replace(" but " + (expected + extra) + " follow", " but " + (more ? "at least " : "")
                            + (expected + extra) + " follow"));
        }
        return buf;
    }

    private static String lengthProblem(int[] dims, long expected, long actual) {
        if (actual < expected) {
            return "truncated: the header declares " + describe(dims) + " = " + expected + " data bytes but only "
                    + Math.max(actual, 0) + " follow it; download the file again";
        }
        return "the header declares " + describe(dims) + " = " + expected + " data bytes but " + actual
                + " follow it; the header or the data is wrong";
    }

    private static String describe(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : "×").append(dims[i]);
        }
        return sb.toString();
    }
}
