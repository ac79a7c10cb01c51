package dev.backprop.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The matrix products one training step of a network makes at batch size m: for layers l = 1..L the forward
 * {@code W[l]·A[l−1]} (n_l×n_(l−1) times n_(l−1)×m) and BP4's {@code Δ[l]·A[l−1]ᵀ} (n_l×m times m×n_(l−1)), and
 * for l = 1..L−1 BP2's {@code W[l+1]ᵀ·Δ[l+1]} (n_l×n_(l+1) times n_(l+1)×m).
 */
public final class StepShapes {

    private StepShapes() {
    }

    /** Every product of one step, in the order forward (l = 1..L), BP4 (l = 1..L), BP2 (l = 1..L−1). */
    public static List<GemmShape> of(int[] sizes, int batch) {
        List<GemmShape> out = new ArrayList<>();
        int layers = sizes.length - 1;
        for (int l = 1; l <= layers; l++) {
            out.add(new GemmShape(GemmShape.Form.WA, sizes[l], sizes[l - 1], batch));
        }
        for (int l = 1; l <= layers; l++) {
            out.add(new GemmShape(GemmShape.Form.DAt, sizes[l], batch, sizes[l - 1]));
        }
        for (int l = 1; l < layers; l++) {
            out.add(new GemmShape(GemmShape.Form.WtD, sizes[l], sizes[l + 1], batch));
        }
        return out;
    }

    /** The distinct products of the steps of all {@code networks} at {@code batch}, then the squares. */
    public static List<String> parameterList(List<String> networks, int batch, int... squares) {
        Set<String> out = new LinkedHashSet<>();
        for (String network : networks) {
            for (GemmShape s : of(Workloads.layerSizes(network), batch)) {
                out.add(s.toString());
            }
        }
        for (int n : squares) {
            out.add(GemmShape.square(n).toString());
        }
        return List.copyOf(out);
    }
}
