package dev.backprop.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Locale;

/** The one Jackson configuration the file formats share: strict JSON, duplicate keys rejected, modest limits. */
final class Json {

    /** The longest string (a name, a metadata value) a file may hold, in characters: Jackson's default, made ours. */
    static final int MAX_STRING = 20_000_000;

    /**
     * Strict: duplicate keys are an error (a header that names a tensor twice is ambiguous), NaN/Infinity
     * literals are not JSON (Jackson's default), and nesting is capped well above what the formats need
     * (network2 nests 3 deep), so a hostile file cannot exhaust the stack.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxNumberLength(64)
                            .maxStringLength(MAX_STRING).build())
                    .build())
            .build();

    private Json() {
    }

    /** What reads a document from a parser positioned before its first token. */
    @FunctionalInterface
    interface Reading<T> {
        T read(JsonParser parser) throws IOException;
    }

    /**
     * Parses {@code bytes[offset, offset+length)} as one JSON value.
     *
     * @throws ModelFormatException naming {@code source} and {@code field} when it is not valid JSON
     */
    static JsonNode parse(byte[] bytes, int offset, int length, String source, String field) throws ModelFormatException {
        try {
            return read(MAPPER.getFactory().createParser(bytes, offset, length), source, field, parser -> {
                JsonNode node = MAPPER.readTree(parser);
                if (node == null || node.isMissingNode()) {
                    throw new ModelFormatException(source, field, "empty: expected a JSON object");
                }
                requireEnd(parser, source, field);
                return node;
            });
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFormatException(source, field, "unreadable JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code reading} on {@code parser} (and closes it), turning JSON syntax errors into
     * {@link ModelFormatException}s on {@code field} with the byte offset, and an over-long string into one that
     * names where it is. Other I/O errors (the file, not its content) pass through.
     */
    static <T> T read(JsonParser parser, String source, String field, Reading<T> reading) throws IOException {
        try (parser) {
            return reading.read(parser);
        } catch (StreamConstraintsException e) {
            throw new ModelFormatException(source, field + path(parser.getParsingContext()), "holds "
                    + describe(e) + "; this reader accepts strings of up to " + String.format(Locale.ROOT, "%,d",
                    MAX_STRING) + " characters, numbers of up to 64 digits and nesting 32 deep", e);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(source, field, "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (at byte " + e.getLocation().getByteOffset() + ")" : ""), e);
        }
    }

    /** After the document's value: nothing but whitespace may follow. */
    static void requireEnd(JsonParser parser, String source, String field) throws IOException {
        if (parser.nextToken() != null) {
            throw new ModelFormatException(source, field, "more data after the JSON value that ends at byte "
                    + parser.currentTokenLocation().getByteOffset());
        }
    }

    private static String describe(StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.startsWith("String value length")) {
            return "a string longer than " + String.format(Locale.ROOT, "%,d", MAX_STRING) + " characters";
        }
        if (m.startsWith("Number value length")) {
            return "a number longer than 64 digits";
        }
        if (m.contains("nesting depth")) {
            return "values nested more than 32 deep";
        }
        return "a value beyond this reader's limits";
    }

    /** The dotted path of the value being read, e.g. {@code .__metadata__.note}; empty at the top. */
    private static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                path.insert(0, "." + c.getCurrentName());
            } else if (c.inArray()) {
                path.insert(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        return path.toString();
    }
}
