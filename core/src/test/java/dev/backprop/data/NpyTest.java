package dev.backprop.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The NumPy reader against files numpy wrote (src/test/resources/numpy/generate_numpy.py) and hand-made damage. */
class NpyTest {

    static Path resource(String name) {
        try {
            return Path.of(NpyTest.class.getResource("/numpy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"f8_le_c", "f8_le_f", "f8_be_c", "f8_be_f", "f4_le_c", "f4_le_f", "f4_be_c", "f4_be_f",
            "u1_le_c", "u1_le_f", "u2_be_c", "u2_be_f", "u4_be_c", "u4_be_f", "u8_le_c", "u8_le_f", "u1_c_v2",
            "f8_c_v3", "i1_le_c", "i1_le_f", "i2_le_c", "i2_le_f", "i4_le_c", "i4_le_f", "i8_le_c", "i8_le_f"})
    void everyDtypeByteOrderMemoryOrderAndVersionReadsInCOrder(String name) throws IOException {
        Npy.Array a = Npy.read(resource(name + ".npy"));
        assertThat(a.shape()).containsExactly(3, 4);
        assertThat(a.rows()).isEqualTo(3);
        assertThat(a.rowWidth()).isEqualTo(4);
        double sign = name.startsWith("i") ? -1 : 1;
        for (int i = 0; i < 12; i++) {
            assertThat(a.values()[i]).as("%s[%d]", name, i).isEqualTo(sign * i);
        }
        assertThat(a.dtype().integral()).isEqualTo(!name.startsWith("f"));
    }

    @Test
    void boolsThreeDimensionsAndLargeUnsignedValues() throws IOException {
        Npy.Array b = Npy.read(resource("b1.npy"));
        assertThat(b.dtype()).isEqualTo(Npy.Dtype.B1);
        for (int i = 0; i < 12; i++) {
            assertThat(b.values()[i]).isEqualTo(i % 3 == 0 ? 1.0 : 0.0);
        }
        Npy.Array f = Npy.read(resource("f8_3d_f.npy"));
        assertThat(f.shape()).containsExactly(2, 3, 4);
        for (int i = 0; i < 24; i++) {
            assertThat(f.values()[i]).isEqualTo(i);
        }
        Npy.Array u = Npy.read(resource("u8_big.npy"));
        assertThat(u.values()).containsExactly(18446744073709551615.0, 9223372036854775808.0, 7.0);
    }

    @Test
    void npzArchivesStoredAndDeflatedGiveTrainingAndTestSets() throws IOException {
        for (String file : List.of("classes.npz", "classes_compressed.npz")) {
            TrainTestSplit s = NumpyData.load(resource(file), NumpyData.DEFAULT_NAMES, null);
            assertThat(s.train().task()).isEqualTo(Task.CLASSIFICATION);
            assertThat(s.train().inputSize()).isEqualTo(4);
            assertThat(s.train().classes()).isEqualTo(3);
            assertThat(s.train().size()).isEqualTo(6);
            assertThat(s.train().input(5, 3)).isEqualTo(23.0);
            assertThat(s.train().label(2)).isEqualTo(2);
            assertThat(s.test().size()).isEqualTo(3);
            assertThat(s.test().input(1, 0)).isEqualTo(8.0);
            assertThat(s.test().label(0)).isEqualTo(2);
        }
        assertThat(Npz.names(resource("classes.npz"))).containsExactlyInAnyOrder("x_train", "y_train", "x_test", "y_test");
    }

    @Test
    void floatTargetsAreAWideRegressionAndNamesCanBeChosen() throws IOException {
        TrainTestSplit s = NumpyData.load(resource("regression.npz"), List.of("features", "targets", "x_test", "y_test"),
                null);
        Dataset d = s.train();
        assertThat(d.task()).isEqualTo(Task.REGRESSION);
        assertThat(d.targetSize()).isEqualTo(2);
        assertThat(d.target(4, 0)).isCloseTo(1 + 7.0 / 9, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(d.target(0, 1)).isCloseTo(-1 * (-1 + 2.0 / 9), org.assertj.core.data.Offset.offset(1e-12));
        assertThatThrownBy(() -> NumpyData.load(resource("regression.npz"), NumpyData.DEFAULT_NAMES, null))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("regression.npz: x_train: no array 'x_train' in the archive; it holds [");
    }

    @Test
    void damagedHeadersNameTheSourceAndTheField() {
        assertThat(error(header("{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }")))
                .startsWith("m.npy: header.descr: '<f2' is not a supported dtype");
        assertThat(error(header("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2,), }")))
                .startsWith("m.npy: header.descr: is a structured dtype");
        assertThat(error(header("{'descr': '<f8', 'fortran_order': False, 'shape': (2), }")))
                .startsWith("m.npy: header.shape: a one-dimensional shape is written (n,)");
        assertThat(error(header("{'descr': '<f8', 'fortran_order': False, 'shape': (99999, 99999, 99999), }")))
                .startsWith("m.npy: header.shape: (99999, 99999, 99999) has more elements than a Java array holds");
        assertThat(error(header("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }")))
                .isEqualTo("m.npy: data: truncated: shape (3,) of <f8 needs 24 data bytes but 16 follow the header");
        assertThat(error(header("{'descr': '<f8', 'fortran_order': maybe, 'shape': (2,), }")))
                .startsWith("m.npy: header.fortran_order: expected True or False");
        assertThat(error(header("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'x': 1}")))
                .startsWith("m.npy: header: unknown key 'x'");
        assertThat(error(header("{'descr': '=f8', 'fortran_order': False, 'shape': (2,), }")))
                .startsWith("m.npy: header.descr: '=f8': byte order '='");
        assertThat(error("not numpy at all".getBytes(StandardCharsets.US_ASCII))).startsWith("m.npy: magic:");
    }

    @Test
    void aLyingShapeInAnArchiveIsRefusedWithoutAllocatingIt(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        byte[] npy = header("{'descr': '<f8', 'fortran_order': False, 'shape': (2000000000,), }");
        Path npz = dir.resolve("lie.npz");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(npz))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("x.npy"));
            zip.write(npy);
            zip.closeEntry();
        }
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertThatThrownBy(() -> Npz.read(npz, List.of("x")))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage(npz + "[x.npy]: data: truncated: shape (2000000000,) of <f8 needs 16000000000 data bytes "
                        + "but 16 follow the header");
        assertThat(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory() - before)
                .isLessThan(64L << 20);
    }

    /** A version-1 file with {@code dict} as its header (padded as numpy pads) and two float64 values. */
    static byte[] header(String dict) {
        String padded = dict;
        while ((10 + padded.length() + 1) % 64 != 0) {
            padded += " ";
        }
        padded += "\n";
        byte[] h = padded.getBytes(StandardCharsets.ISO_8859_1);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + h.length + 16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length).put(h);
        b.putDouble(1.5).putDouble(-2.5);
        return b.array();
    }

    private static String error(byte[] file) {
        try {
            Npy.read(file, "m.npy");
        } catch (NpyFormatException e) {
            return e.getMessage();
        }
        throw new AssertionError("read without error");
    }
}
