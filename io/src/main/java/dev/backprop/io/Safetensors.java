package dev.backprop.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors layout (Hugging Face): an 8-byte little-endian header length N, N bytes of a JSON object
 * mapping tensor names to {@code {"dtype", "shape", "data_offsets": [begin, end]}} plus an optional
 * {@code "__metadata__"} map of strings, then the tensors' raw little-endian bytes, row-major, with offsets
 * relative to the end of the header. Python's {@code safetensors} package reads what this class writes.
 *
 * <p>The reader distrusts its input and checks everything against the file's size before allocating: the
 * header length, every shape (element counts that overflow, or that disagree with the offsets), and the
 * offsets themselves (inside the data, contiguous, not overlapping, covering it all, as the reference
 * implementation requires). Errors are {@link ModelFormatException}s that name the file and the field.
 * Only the F32 and F64 dtypes are read; others are named in the error.
 */
public final class Safetensors {

    /** The reference implementation's cap on the header (100 MB); anything larger is refused unread. */
    static final long MAX_HEADER = 100_000_000L;
    private static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    static final String METADATA = "__metadata__";

    private Safetensors() {
    }

    /** The element types this reader knows. */
    public enum Dtype {
        F32(4), F64(8);

        private final int bytes;

        Dtype(int bytes) {
            this.bytes = bytes;
        }

        /** Bytes per element. */
        public int bytes() {
            return bytes;
        }
    }

    /**
     * One tensor.
     *
     * @param dtype  how it is stored
     * @param shape  its dimensions, outermost first (empty for a scalar)
     * @param values its elements row-major, widened to double (exact for F32)
     */
    public record Tensor(Dtype dtype, int[] shape, double[] values) {
        public Tensor {
            long n = 1;
            for (int d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
                }
                n *= d;
            }
            if (n != values.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                        + " elements but " + values.length + " values were given");
            }
        }
    }

    /**
     * A file's contents.
     *
     * @param tensors  by name, in the file's order
     * @param metadata the {@code __metadata__} strings (empty when absent)
     */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    // ---------------------------------------------------------------- reading

    /** Reads a safetensors file; see the class comment for what is checked. */
    public static Contents read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return parse(new ChannelSource(ch), file.toString());
        }
    }

    /** Reads safetensors bytes held in memory; {@code source} names them in errors. */
    public static Contents read(byte[] bytes, String source) throws ModelFormatException {
        try {
            return parse(new ArraySource(bytes), source);
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFormatException(source, "data", "unreadable: " + e.getMessage(), e);   // memory cannot fail
        }
    }

    private static Contents parse(Source in, String src) throws IOException {
        long size = in.size();
        if (size < 8) {
            throw new ModelFormatException(src, "header.length", "truncated: the file has " + size
                    + " bytes but a safetensors file starts with an 8-byte header length");
        }
        long n = in.read(0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 2 || n > size - 8 || n > MAX_HEADER) {
            throw new ModelFormatException(src, "header.length", "declares a " + Long.toUnsignedString(n)
                    + "-byte header but " + (n > MAX_HEADER && n <= size - 8
                    ? "headers over " + MAX_HEADER + " bytes are refused"
                    : "the file has " + (size - 8) + " bytes after the length field")
                    + "; is this a safetensors file?");
        }
        byte[] header = new byte[(int) n];
        in.read(8, (int) n).get(header);
        long dataSize = size - 8 - n;
        if (header[0] != '{') {
            throw new ModelFormatException(src, "header", "must start with '{', as the reference implementation "
                    + "requires, but starts with " + (n >= 3 && (header[0] & 0xFF) == 0xEF && (header[1] & 0xFF) == 0xBB
                    && (header[2] & 0xFF) == 0xBF ? "a UTF-8 byte order mark (EF BB BF); save the header without one"
                    : String.format("byte 0x%02X", header[0] & 0xFF)));
        }
        JsonNode root = Json.parse(header, 0, header.length, src, "header");
        if (!root.isObject()) {
            throw new ModelFormatException(src, "header", "is a JSON " + root.getNodeType().toString().toLowerCase()
                    + ", not an object of tensors");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(METADATA)) {
                metadata = metadata(src, e.getValue());
            } else {
                entries.add(entry(src, e.getKey(), e.getValue(), dataSize));
            }
        }
        checkCoverage(src, entries, dataSize);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        long base = 8 + n;
        for (Entry e : entries) {
            tensors.put(e.name, new Tensor(e.dtype, e.shape, values(in, base + e.begin, e)));
        }
        return new Contents(tensors, metadata);
    }

    private record Entry(String name, Dtype dtype, int[] shape, long begin, long end) {
    }

    private static Map<String, String> metadata(String src, JsonNode node) throws ModelFormatException {
        if (!node.isObject()) {
            throw new ModelFormatException(src, "header." + METADATA, "must be an object of strings, got a "
                    + node.getNodeType().toString().toLowerCase());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new ModelFormatException(src, "header." + METADATA + "." + e.getKey(),
                        "metadata values must be strings, got " + e.getValue().getNodeType().toString().toLowerCase());
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    private static Entry entry(String src, String name, JsonNode node, long dataSize) throws ModelFormatException {
        String field = "header." + name;
        if (!node.isObject()) {
            throw new ModelFormatException(src, field, "must be an object with dtype, shape and data_offsets");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new ModelFormatException(src, field + ".dtype", "missing or not a string");
        }
        Dtype dtype;
        try {
            dtype = Dtype.valueOf(dtypeNode.textValue());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(src, field + ".dtype", "'" + dtypeNode.textValue()
                    + "' is not supported: backprop reads F32 and F64 tensors; convert the file, e.g. in Python "
                    + "with tensor.double() before save_file");
        }
        JsonNode shapeNode = node.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw new ModelFormatException(src, field + ".shape", "missing or not an array");
        }
        int[] shape = new int[shapeNode.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.longValue() < 0 || d.longValue() > MAX_ELEMENTS) {
                throw new ModelFormatException(src, field + ".shape[" + i + "]", "'" + d
                        + "' is not a dimension: dimensions are integers in 0.." + MAX_ELEMENTS);
            }
            shape[i] = (int) d.longValue();
            elements *= shape[i];
            if (elements > MAX_ELEMENTS) {
                throw new ModelFormatException(src, field + ".shape", Arrays.toString(shape)
                        + " has more elements than a Java array holds");
            }
        }
        JsonNode offsets = node.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2) {
            throw new ModelFormatException(src, field + ".data_offsets", "missing or not a [begin, end] pair");
        }
        long[] be = new long[2];
        for (int i = 0; i < 2; i++) {
            JsonNode o = offsets.get(i);
            if (!o.isIntegralNumber() || !o.canConvertToLong() || o.longValue() < 0) {
                throw new ModelFormatException(src, field + ".data_offsets[" + i + "]", "'" + o
                        + "' is not a byte offset (a non-negative integer)");
            }
            be[i] = o.longValue();
        }
        if (be[0] > be[1] || be[1] > dataSize) {
            throw new ModelFormatException(src, field + ".data_offsets", "[" + be[0] + ", " + be[1]
                    + "] is not a range inside the " + dataSize + " data bytes that follow the header; "
                    + "the file is truncated or the header is wrong");
        }
        if (be[1] - be[0] != elements * dtype.bytes()) {
            throw new ModelFormatException(src, field + ".data_offsets", "[" + be[0] + ", " + be[1] + "] spans "
                    + (be[1] - be[0]) + " bytes but shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + elements * dtype.bytes());
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("dtype") && !key.equals("shape") && !key.equals("data_offsets")) {
                throw new ModelFormatException(src, field + "." + key, "unknown key: a tensor has only dtype, "
                        + "shape and data_offsets");
            }
        }
        return new Entry(name, dtype, shape, be[0], be[1]);
    }

    /** The reference implementation's rule: sorted by offset, tensors tile the data exactly, without gaps. */
    private static void checkCoverage(String src, List<Entry> entries, long dataSize) throws ModelFormatException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long at = 0;
        for (Entry e : sorted) {
            if (e.begin != at) {
                throw new ModelFormatException(src, "header." + e.name + ".data_offsets", "begins at byte " + e.begin
                        + " but the previous tensor ends at " + at + "; tensors must tile the data without gaps "
                        + "or overlaps");
            }
            at = e.end;
        }
        if (at != dataSize) {
            throw new ModelFormatException(src, "data", "the tensors cover " + at + " bytes but " + dataSize
                    + " follow the header; the file has trailing bytes or the header is wrong");
        }
    }

    private static double[] values(Source in, long position, Entry e) throws IOException {
        int count = (int) ((e.end - e.begin) / e.dtype.bytes());
        double[] out = new double[count];
        int chunk = 1 << 16;                                  // elements per read
        for (int from = 0; from < count; from += chunk) {
            int k = Math.min(chunk, count - from);
            ByteBuffer buf = in.read(position + (long) from * e.dtype.bytes(), k * e.dtype.bytes())
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < k; i++) {
                out[from + i] = e.dtype == Dtype.F64 ? buf.getDouble() : buf.getFloat();
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- writing

    /** Writes {@code tensors} (in their map order) and {@code metadata} to {@code file}, via a temp file. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        AtomicFiles.write(file, out -> write(out, tensors, metadata));
    }

    /** The file's bytes. */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        var out = new java.io.ByteArrayOutputStream();
        try {
            write(out, tensors, metadata);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the layout to {@code out}. The header is padded with spaces to a multiple of 8 bytes, as the
     * reference implementation does, so that the tensors start aligned.
     */
    public static void write(OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        ObjectNode header = Json.MAPPER.createObjectNode();
        metadata.forEach((k, v) -> {
            if (k.length() > Json.MAX_STRING || v.length() > Json.MAX_STRING) {
                throw new IllegalArgumentException("metadata " + SafetensorsModel.abbreviate(k) + ": strings of more "
                        + "than " + Json.MAX_STRING + " characters could not be read back");
            }
        });
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals(METADATA)) {
                throw new IllegalArgumentException(METADATA + " is reserved and cannot name a tensor");
            }
            Tensor t = e.getValue();
            ObjectNode node = header.putObject(e.getKey());
            node.put("dtype", t.dtype().name());
            ArrayNode shape = node.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            long bytes = (long) t.values().length * t.dtype().bytes();
            node.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = Json.MAPPER.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        out.write(head.array());
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors.values()) {
            for (double v : t.values()) {
                if (buf.remaining() < 8) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                if (t.dtype() == Dtype.F64) {
                    buf.putDouble(v);
                } else {
                    buf.putFloat((float) v);
                }
            }
        }
        out.write(buf.array(), 0, buf.position());
    }

    // ---------------------------------------------------------------- sources

    /** Random access to the bytes being read. */
    private interface Source {
        long size() throws IOException;

        /** Exactly {@code length} bytes at {@code position}, which the caller has checked lie inside. */
        ByteBuffer read(long position, int length) throws IOException;
    }

    private record ArraySource(byte[] bytes) implements Source {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public ByteBuffer read(long position, int length) {
            return ByteBuffer.wrap(bytes, (int) position, length).slice();
        }
    }

    private record ChannelSource(FileChannel channel) implements Source {
        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public ByteBuffer read(long position, int length) throws IOException {
            ByteBuffer buf = ByteBuffer.allocate(length);
            while (buf.hasRemaining()) {
                if (channel.read(buf, position + buf.position()) < 0) {
                    throw new java.io.EOFException("the file shrank while it was read");
                }
            }
            return buf.flip();
        }
    }
}
