package dev.backprop.cli;

import dev.backprop.backend.Backend;
import dev.backprop.data.Dataset;
import dev.backprop.io.ModelFiles;
import dev.backprop.io.SavedModel;
import dev.backprop.nn.Network;
import dev.backprop.train.KeepBest;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * {@code train --save}: writes the run's best epoch (by the monitored metric, {@link KeepBest}) and never replaces
 * a saved model with a worse one. When {@code --save} names an existing model, both are measured afresh on the
 * monitored metric; the file is replaced only when this run's model is at least as good (or {@code --overwrite}
 * says so). A refused model is not lost: it goes to a file next to the target, named in the message, and the
 * command fails. A run that diverged never replaces an existing file. The writing itself is the
 * {@link SaveTarget}'s: when the target cannot be written, the model goes to a fallback file named in the error.
 *
 * @param save      the {@code --save} target
 * @param overwrite whether {@code --overwrite} was given
 * @param out       where the "saved" line goes
 * @param err       where notes go
 * @param model     the model file's contents for a network: its parameters and the run's context
 */
record BestModelSave(SaveTarget save, boolean overwrite, PrintWriter out, PrintWriter err,
                     Function<Network, SavedModel> model) {

    private Path target() {
        return save.file();
    }

    /** Before training: says that an existing target is kept unless this run does at least as well. */
    void noteExisting(String monitorName) {
        if (Files.exists(target()) && !overwrite) {
            err.println("note: " + target() + " exists; this run's best model replaces it only if it is at least as "
                    + "good on " + monitorName + " (--overwrite replaces it regardless)");
            err.flush();
        }
    }

    /**
     * After training, with {@code net} holding the best epoch's parameters: saves it, unless an existing model at
     * the target is better.
     *
     * @param validation the run's validation set, or null
     * @throws IllegalStateException when the existing model was kept (the new one is then written beside it)
     */
    void save(Network net, KeepBest keepBest, int epochsDone, Dataset train, Dataset validation, Backend backend)
            throws IOException {
        Path target = target();
        if (!overwrite && Files.exists(target)) {
            String refusal = refusal(net, keepBest, train, validation, backend);
            if (refusal != null) {
                Path beside = candidatePath();
                ModelFiles.write(model.apply(net), beside);
                throw new IllegalStateException(refusal + "; this run's model is in " + beside + " (pass --overwrite to "
                        + "replace " + target.getFileName() + " anyway)");
            }
        }
        save.save(model.apply(net));
        out.printf("saved    %s (%s), %s%n", target, SavedModel.of(net).describe(), which(keepBest, epochsDone));
    }

    /**
     * After a run diverged, with {@code net} holding the best epoch before it (when there is one): saves that
     * model only where no model exists yet.
     *
     * @return a sentence saying what happened to the target, for the failure message
     */
    String saveAfterDivergence(Network net, KeepBest keepBest) throws IOException {
        if (keepBest == null || !keepBest.hasBest()) {
            return "nothing saved: no epoch had a finite " + (keepBest == null ? "metric" : keepBest.monitor().name());
        }
        Path target = target();
        if (Files.exists(target)) {
            return target + " left as it was";
        }
        save.save(model.apply(net));
        return "saved the best epoch before it (" + keepBest.bestEpoch() + ", " + keepBest.monitor().name() + " "
                + keepBest.monitor().format(keepBest.bestValue()) + ") to " + target;
    }

    /** Why the existing model stays, or null when this run's model may replace it. */
    private String refusal(Network net, KeepBest keepBest, Dataset train, Dataset validation, Backend backend) {
        Network existing;
        try {
            existing = ModelFiles.read(target()).build(backend);
        } catch (IOException | RuntimeException e) {
            return "kept " + target() + ": it exists and cannot be read as a model to compare with (" + e.getMessage()
                    + ")";
        }
        KeepBest.Comparison c;
        try {
            c = keepBest.compare(net, existing, train, validation);
        } catch (IllegalArgumentException e) {
            return "kept " + target() + ": it is a " + existing + " network, which cannot be measured on this data ("
                    + e.getMessage() + ")";
        }
        if (c.mayReplace()) {
            return null;
        }
        String metric = keepBest.monitor().name();
        return "kept " + target() + ": its " + metric + " is " + keepBest.monitor().format(c.incumbent()) + ", better than"
                + " this run's best (epoch " + keepBest.bestEpoch() + ", " + keepBest.monitor().format(c.candidate()) + ")";
    }

    /** e.g. {@code epoch 23 of 30, the best by validation-accuracy (98.31%)}. */
    private static String which(KeepBest keepBest, int epochsDone) {
        if (keepBest == null || !keepBest.hasBest()) {
            return "epoch " + epochsDone;
        }
        return "epoch " + keepBest.bestEpoch() + " of " + epochsDone + ", the best by " + keepBest.monitor().name() + " ("
                + keepBest.monitor().format(keepBest.bestValue()) + ")";
    }

    /** {@code model.candidate.safetensors} beside {@code model.safetensors} (then {@code .candidate-2.}, …). */
    Path candidatePath() {
        Path target = target();
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name, ext = dot > 0 ? name.substring(dot) : "";
        Path p = target.resolveSibling(stem + ".candidate" + ext);
        for (int i = 2; Files.exists(p); i++) {
            p = target.resolveSibling(stem + ".candidate-" + i + ext);
        }
        return p;
    }
}
