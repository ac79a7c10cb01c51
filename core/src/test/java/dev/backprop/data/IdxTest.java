package dev.backprop.data;

import dev.backprop.Allocations;
import dev.backprop.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdxTest {

    @TempDir
    Path dir;

    @Test
    void readsRealMnist() throws IOException {
        Mnist.Split mnist = Mnist.load(TestData.mnistDir(), "mnist");
        assertEquals(60_000, mnist.train().size());
        assertEquals(10_000, mnist.test().size());
        assertEquals(784, mnist.train().inputSize());
        assertEquals(10, mnist.train().classes());
        int[] counts = new int[10];
        for (int i = 0; i < mnist.train().size(); i++) {
            counts[mnist.train().label(i)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(5000, 7000);                       // every digit is there
        }
        assertEquals(5, mnist.train().label(0));         // the famous first training image is a 5
        assertEquals(7, mnist.test().label(0));          // and the first test image a 7
        double max = 0;
        for (int f = 0; f < 784; f++) {
            max = Math.max(max, mnist.train().input(0, f));
        }
        assertEquals(1.0, max);                          // pixels scaled to [0, 1]
    }

    @Test
    void readsRawAndGzipTheSame() throws IOException {
        byte[] body = {1, 2, 3, 4, 5, 6};
        Path raw = write("raw", header(0x08, 2, 3), body, false);
        Path gz = write("gz", header(0x08, 2, 3), body, true);
        assertThat(Idx.read(raw).data()).isEqualTo(body);
        assertThat(Idx.read(gz).data()).isEqualTo(body);
        assertThat(Idx.read(gz).dimensions()).containsExactly(2, 3);
    }

    @Test
    void truncatedFilesAreNamedAndExplained() throws IOException {
        for (boolean gzip : new boolean[]{false, true}) {
            Path f = write("short" + gzip, header(0x08, 10, 28, 28), new byte[100], gzip);
            var e = assertThrows(IdxFormatException.class, () -> Idx.read(f));
            assertThat(e.getMessage()).startsWith(f.toString()).contains("truncated")
                    .contains("10×28×28 = 7840 data bytes but only 100");
        }
    }

    @Test
    void extraBytesAreAnError() throws IOException {
        Path f = write("long", header(0x08, 2), new byte[5], true);
        var e = assertThrows(IdxFormatException.class, () -> Idx.read(f));
        assertThat(e.getMessage()).contains("declares 2 = 2 data bytes but 5 follow");
    }

    @Test
    void wrongMagicIsRejected() throws IOException {
        Path f = write("magic", new byte[]{0x50, 0x4B, 0x03, 0x04}, new byte[10], false);
        var e = assertThrows(IdxFormatException.class, () -> Idx.read(f));
        assertThat(e.getMessage()).contains("bad magic number 0x504B0304").contains("is this an IDX file?");
    }

    @Test
    void unsupportedElementTypeIsNamed() throws IOException {
        Path f = write("float", header(0x0D, 1), new byte[4], false);
        var e = assertThrows(IdxFormatException.class, () -> Idx.read(f));
        assertThat(e.getMessage()).contains("element type 0x0D is not supported");
    }

    @Test
    void aHeaderThatLiesAboutItsSizeDoesNotAllocateIt() throws IOException {
        // 200000×28×28 = 156.8 MB claimed, 1 KB present, gzip (so the length cannot be checked up front)
        Path f = write("liar", header(0x08, 200_000, 28, 28), new byte[1024], true);
        long[] allocated = new long[1];
        IdxFormatException[] error = new IdxFormatException[1];
        allocated[0] = Allocations.of(() -> {
            try {
                Idx.read(f);
            } catch (IdxFormatException e) {
                error[0] = e;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(error[0]).isNotNull();
        assertThat(error[0].getMessage()).contains("truncated").contains("156800000 data bytes but only 1024");
        assertThat(allocated[0]).isLessThan(8L << 20);                 // far below the 156.8 MB claimed
    }

    @Test
    void absurdDimensionsAreRejectedBeforeReading() throws IOException {
        Path f = write("huge", header(0x08, 1 << 30, 1 << 30), new byte[0], false);
        var e = assertThrows(IdxFormatException.class, () -> Idx.read(f));
        assertThat(e.getMessage()).contains("multiply to more elements");
        Path neg = write("neg", header(0x08, -5), new byte[0], false);
        assertThat(assertThrows(IdxFormatException.class, () -> Idx.read(neg)).getMessage()).contains("must be positive");
    }

    @Test
    void truncatedHeaderAndCorruptGzipAreExplained() throws IOException {
        Path shortHeader = write("hdr", new byte[]{0, 0, 8, 3, 0, 0}, new byte[0], false);
        assertThat(assertThrows(IdxFormatException.class, () -> Idx.read(shortHeader)).getMessage())
                .contains("ends inside its header");
        Path gz = write("corrupt", header(0x08, 1000), new byte[1000], true);
        byte[] bytes = Files.readAllBytes(gz);
        for (int i = 20; i < bytes.length - 8; i++) {
            bytes[i] ^= 0x5A;                                    // scramble the deflate stream
        }
        Files.write(gz, bytes);
        assertThat(assertThrows(IdxFormatException.class, () -> Idx.read(gz)).getMessage()).contains("gzip");
    }

    @Test
    void labelsOutOfRangeAndCountMismatchesAreExplained() throws IOException {
        Path images = write("img", header(0x08, 2, 2, 2), new byte[8], false);
        Path badLabels = write("lab", header(0x08, 2), new byte[]{3, 12}, false);
        var e = assertThrows(IdxFormatException.class, () -> Mnist.images(images, badLabels, "t"));
        assertThat(e.getMessage()).contains("label 12 of example 1 is outside 0..9");
        Path threeLabels = write("lab3", header(0x08, 3), new byte[]{1, 2, 3}, false);
        var c = assertThrows(IdxFormatException.class, () -> Mnist.images(images, threeLabels, "t"));
        assertThat(c.getMessage()).contains("holds 3 labels but img holds 2 images");
    }

    @Test
    void missingFilesNameTheDirectoryAndTheFile() {
        var e = assertThrows(IOException.class, () -> Mnist.load(dir, "mnist"));
        assertThat(e.getMessage()).contains(dir.toString()).contains("train-images-idx3-ubyte.gz");
    }

    /**
     * A gzip bomb: a valid 1×28×28 file followed by 8 GiB of zeros in 8,192 concatenated gzip members (about
     * 8 MB compressed). Counting every extra byte, as the reader once did, inflates all 8 GiB; now it stops a
     * little past the declared size. The timeout only guards against that hang.
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aGzipBombIsNotInflatedPastTheDeclaredSize() throws IOException {
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(member)) {
            byte[] zeros = new byte[1 << 20];
            z.write(zeros);
        }
        Path bomb = dir.resolve("bomb.gz");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(bomb))) {
            try (OutputStream first = new GZIPOutputStream(new java.io.FilterOutputStream(out) {
                @Override
                public void close() throws IOException {
                    flush();                                    // keep the file open for the next members
                }
            })) {
                first.write(header(0x08, 1, 28, 28));
                first.write(new byte[784]);
            }
            byte[] m = member.toByteArray();
            for (int i = 0; i < 8192; i++) {
                out.write(m);
            }
        }
        var e = assertThrows(IdxFormatException.class, () -> Idx.read(bomb));
        assertThat(e.getMessage()).contains("declares 1×28×28 = 784 data bytes but at least").contains("follow it");
    }

    /** predict --idx reads only the images it shows: the rest of the file is neither read nor inflated. */
    @Test
    void readFirstReadsOnlyTheEntriesAsked() throws IOException {
        byte[] body = new byte[5 * 4];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        // the header declares 1000 entries of 2×2 but only 5 are present: a whole read fails, a head read does not
        Path f = write("head.gz", header(0x08, 1000, 2, 2), body, true);
        assertThrows(IdxFormatException.class, () -> Idx.read(f));
        Idx.IdxFile head = Idx.readFirst(f, 3);
        assertThat(head.dimensions()).containsExactly(3, 2, 2);
        assertThat(head.dimensionsOfFile()).containsExactly(1000, 2, 2);
        assertThat(head.data()).containsExactly(java.util.Arrays.copyOf(body, 12));
        assertThat(Idx.dimensions(f)).containsExactly(1000, 2, 2);
        Path raw = write("head", header(0x08, 4, 2, 2), body, false);    // 5 present, 4 declared
        assertThat(Idx.readFirst(raw, 2).data()).containsExactly(java.util.Arrays.copyOf(body, 8));
        var whole = assertThrows(IdxFormatException.class, () -> Idx.readFirst(raw, 4));
        assertThat(whole.getMessage()).contains("16 data bytes but 20 follow");
    }

    static byte[] header(int type, int... dims) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(0);
        out.writeByte(0);
        out.writeByte(type);
        out.writeByte(dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        return bytes.toByteArray();
    }

    Path write(String name, byte[] header, byte[] body, boolean gzip) throws IOException {
        Path f = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(f)) : Files.newOutputStream(f)) {
            out.write(header);
            out.write(body);
        }
        return f;
    }
}
