package dev.backprop.io;

import dev.backprop.data.Npy;
import dev.backprop.data.NpyFormatException;
import dev.backprop.data.Npz;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NumPy readers on damaged files: a mutant {@code .npy} (C and Fortran order, both byte orders, versions 1
 * and 2) or {@code .npz} (stored and deflated) is either read into a consistent array or rejected with
 * {@link NpyFormatException} naming the source and a field; nothing else escapes (no OutOfMemoryError from a
 * lying shape, no runtime exception). 4,000 mutants in all; the readers are core's, the mutations shared here.
 */
class NpyFuzzPropertiesTest {

    private static final String SOURCE = "fuzz.npy";

    @Property(tries = 3000)
    void npyMutantsAreReadOrRejectedWithAMessage(@ForAll("npy") byte[] file) {
        try {
            checkConsistent(Npy.read(file, SOURCE));
        } catch (NpyFormatException e) {
            assertThat(e.getMessage()).startsWith(SOURCE + ": " + e.field() + ": ");
        }
    }

    @Property(tries = 1000)
    void npzMutantsAreReadOrRejectedWithAMessage(@ForAll("npz") byte[] file) throws IOException {
        Path f = Files.createTempFile("fuzz", ".npz");
        try {
            Files.write(f, file);
            checkConsistent(Npz.read(f, List.of("x")).get("x"));
        } catch (NpyFormatException e) {
            assertThat(e.getMessage()).startsWith(f.toString()).contains(": " + e.field() + ": ");
        } finally {
            Files.delete(f);
        }
    }

    private static void checkConsistent(Npy.Array a) {
        long n = 1;
        for (int d : a.shape()) {
            assertThat(d).isNotNegative();
            n *= d;
        }
        assertThat((long) a.values().length).isEqualTo(n);
    }

    @Provide
    Arbitrary<byte[]> npy() {
        return Arbitraries.oneOf(List.of(Mutations.of(npy("<f8", false, 1)), Mutations.of(npy(">i2", true, 1)),
                Mutations.of(npy("|u1", false, 2))));
    }

    @Provide
    Arbitrary<byte[]> npz() {
        return Arbitraries.oneOf(List.of(Mutations.of(npz(false)), Mutations.of(npz(true)),
                Mutations.of(npy("<f4", true, 1)).map(NpyFuzzPropertiesTest::zipOf)));
    }

    /** A 3×4 array of {@code descr} as numpy writes it (header padded to 64 bytes, ending in a newline). */
    static byte[] npy(String descr, boolean fortran, int version) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
                + ", 'shape': (3, 4), }";
        int prefix = version == 1 ? 10 : 12;
        StringBuilder h = new StringBuilder(dict);
        while ((prefix + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        byte[] header = h.append('\n').toString().getBytes(StandardCharsets.ISO_8859_1);
        int size = Integer.parseInt(descr.substring(2));
        ByteBuffer b = ByteBuffer.allocate(prefix + header.length + 12 * size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
        if (version == 1) {
            b.putShort((short) header.length);
        } else {
            b.putInt(header.length);
        }
        b.put(header).order(descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 12; i++) {
            switch (descr.substring(1)) {
                case "f8" -> b.putDouble(i * 0.5);
                case "f4" -> b.putFloat(i * 0.5f);
                case "i2" -> b.putShort((short) -i);
                default -> b.put((byte) i);
            }
        }
        return b.array();
    }

    private static byte[] npz(boolean deflate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            byte[] x = npy("<f8", false, 1);
            ZipEntry e = new ZipEntry("x.npy");
            if (!deflate) {
                e.setMethod(ZipEntry.STORED);
                e.setSize(x.length);
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(x);
                e.setCrc(crc.getValue());
            }
            zip.putNextEntry(e);
            zip.write(x);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] zipOf(byte[] npy) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("x.npy"));
            zip.write(npy);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
