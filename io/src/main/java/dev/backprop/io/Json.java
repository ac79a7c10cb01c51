package dev.backprop.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;

/** The one Jackson configuration the file formats share: strict JSON, duplicate keys rejected, modest limits. */
final class Json {

    /**
     * Strict: duplicate keys are an error (a header that names a tensor twice is ambiguous), NaN/Infinity
     * literals are not JSON (Jackson's default), and nesting is capped well above what the formats need
     * (network2 nests 3 deep), so a hostile file cannot exhaust the stack.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxNumberLength(64).build())
                    .build())
            .build();

    private Json() {
    }

    /**
     * Parses {@code bytes[offset, offset+length)} as one JSON value.
     *
     * @throws ModelFormatException naming {@code source} and {@code field} when it is not valid JSON
     */
    static JsonNode parse(byte[] bytes, int offset, int length, String source, String field) throws ModelFormatException {
        try (JsonParser parser = MAPPER.getFactory().createParser(bytes, offset, length)) {
            JsonNode node = MAPPER.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw new ModelFormatException(source, field, "empty: expected a JSON object");
            }
            if (parser.nextToken() != null) {
                throw new ModelFormatException(source, field, "more data after the JSON value that ends at byte "
                        + parser.currentLocation().getByteOffset());
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(source, field, "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (at byte " + e.getLocation().getByteOffset() + ")" : ""), e);
        } catch (IOException e) {
            throw new ModelFormatException(source, field, "unreadable JSON: " + e.getMessage(), e);
        }
    }
}
