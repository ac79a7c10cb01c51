package dev.backprop.io;

import dev.backprop.data.Idx;
import dev.backprop.data.IdxFormatException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IDX reader on damaged files, raw and gzip: it returns consistent contents or throws
 * {@link IdxFormatException} with a message naming the source; nothing else escapes (no
 * OutOfMemoryError from a lying header, no runtime exception from a corrupt stream). 4,000 mutants in all. It
 * lives here, beside the model readers' properties, to share their mutations; the reader is core's.
 */
class IdxFuzzPropertiesTest {

    private static final String SOURCE = "fuzz.idx";

    @Property(tries = 2500)
    void rawMutantsAreReadOrRejectedWithAMessage(@ForAll("raw") byte[] file) {
        check(file);
    }

    @Property(tries = 1500)
    void gzipMutantsAreReadOrRejectedWithAMessage(@ForAll("gzip") byte[] file) {
        check(file);
    }

    private static void check(byte[] file) {
        try {
            Idx.IdxFile idx = Idx.read(file, SOURCE);
            long elements = 1;
            for (int d : idx.dimensions()) {
                assertThat(d).isPositive();
                elements *= d;
            }
            assertThat((long) idx.data().length).isEqualTo(elements);
        } catch (IdxFormatException e) {
            assertThat(e.getMessage()).startsWith(SOURCE + ": ").hasSizeGreaterThan(SOURCE.length() + 10);
        }
    }

    @Provide
    Arbitrary<byte[]> raw() {
        return Mutations.of(images(false));
    }

    /** Mutants of the compressed bytes (corrupt gzip) and compressed mutants (valid gzip, bad IDX inside). */
    @Provide
    Arbitrary<byte[]> gzip() {
        return Arbitraries.oneOf(List.of(Mutations.of(images(true)),
                Mutations.of(images(false)).map(IdxFuzzPropertiesTest::gzip)));
    }

    /** Three 4×5 images. */
    private static byte[] images(boolean compressed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{0, 0, 0x08, 3, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5});
        for (int i = 0; i < 60; i++) {
            out.write(i * 4);
        }
        return compressed ? gzip(out.toByteArray()) : out.toByteArray();
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
