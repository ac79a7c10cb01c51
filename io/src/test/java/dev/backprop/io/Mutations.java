package dev.backprop.io;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Damaged copies of a valid file, for the readers' fuzz properties: one to four edits drawn from truncation,
 * byte overwrites, insertions, deletions, duplicated ranges and random 32/64-bit words (which hit length and
 * dimension fields), each at a random position. Positions are taken modulo the current length, so edits compose.
 */
final class Mutations {

    private Mutations() {
    }

    /** Mutants of {@code base} (never modified). */
    static Arbitrary<byte[]> of(byte[] base) {
        Arbitrary<UnaryOperator<byte[]>> edit = Arbitraries.oneOf(List.of(
                truncate(), overwrite(), insert(), delete(), duplicate(), word(8, ByteOrder.LITTLE_ENDIAN),
                word(4, ByteOrder.BIG_ENDIAN)));
        return edit.list().ofMinSize(1).ofMaxSize(4).map(edits -> {
            byte[] b = base.clone();
            for (UnaryOperator<byte[]> e : edits) {
                b = e.apply(b);
            }
            return b;
        });
    }

    private static Arbitrary<Integer> position() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE - 1)
                .edgeCases(c -> c.includeOnly(0, 1, 4, 8, 16));
    }

    private static Arbitrary<UnaryOperator<byte[]>> truncate() {
        return position().map(p -> b -> Arrays.copyOf(b, b.length == 0 ? 0 : p % b.length));
    }

    private static Arbitrary<UnaryOperator<byte[]>> overwrite() {
        return Combinators.combine(position(), Arbitraries.bytes()).as((p, v) -> b -> {
            if (b.length > 0) {
                b[p % b.length] = v;
            }
            return b;
        });
    }

    private static Arbitrary<UnaryOperator<byte[]>> insert() {
        return Combinators.combine(position(), Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16))
                .as((p, ins) -> b -> {
                    int at = b.length == 0 ? 0 : p % (b.length + 1);
                    byte[] out = new byte[b.length + ins.length];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(ins, 0, out, at, ins.length);
                    System.arraycopy(b, at, out, at + ins.length, b.length - at);
                    return out;
                });
    }

    private static Arbitrary<UnaryOperator<byte[]>> delete() {
        return Combinators.combine(position(), Arbitraries.integers().between(1, 64)).as((p, n) -> b -> {
            if (b.length == 0) {
                return b;
            }
            int at = p % b.length, len = Math.min(n, b.length - at);
            byte[] out = new byte[b.length - len];
            System.arraycopy(b, 0, out, 0, at);
            System.arraycopy(b, at + len, out, at, b.length - at - len);
            return out;
        });
    }

    private static Arbitrary<UnaryOperator<byte[]>> duplicate() {
        return Combinators.combine(position(), Arbitraries.integers().between(1, 64)).as((p, n) -> b -> {
            if (b.length == 0) {
                return b;
            }
            int at = p % b.length, len = Math.min(n, b.length - at);
            byte[] out = new byte[b.length + len];
            System.arraycopy(b, 0, out, 0, at + len);
            System.arraycopy(b, at, out, at + len, b.length - at);
            return out;
        });
    }

    /** A random word, or one of the values that break length arithmetic, written over the bytes at a position. */
    private static Arbitrary<UnaryOperator<byte[]>> word(int bytes, ByteOrder order) {
        Arbitrary<Long> value = Arbitraries.oneOf(List.of(Arbitraries.longs(),
                Arbitraries.of(0L, 1L, -1L, 7L, 8L, 255L, 65_536L, (long) Integer.MAX_VALUE, Long.MAX_VALUE,
                        Long.MIN_VALUE, 1L << 31, 1L << 32, 100_000_001L)));
        return Combinators.combine(position(), value).as((p, v) -> b -> {
            if (b.length < bytes) {
                return b;
            }
            int at = (p % (b.length / bytes)) * bytes;
            ByteBuffer buf = ByteBuffer.wrap(b).order(order);
            if (bytes == 8) {
                buf.putLong(at, v);
            } else {
                buf.putInt(at, (int) (long) v);
            }
            return b;
        });
    }
}
