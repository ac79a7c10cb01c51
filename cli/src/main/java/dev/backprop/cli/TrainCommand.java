package dev.backprop.cli;

import dev.backprop.backend.Backend;
import dev.backprop.backend.OptimizerKind;
import dev.backprop.data.Dataset;
import dev.backprop.data.Scaling;
import dev.backprop.data.Task;
import dev.backprop.io.Checkpoint;
import dev.backprop.io.ModelContext;
import dev.backprop.io.StateDict;
import dev.backprop.io.ModelFiles;
import dev.backprop.io.SavedModel;
import dev.backprop.nn.Network;
import dev.backprop.train.EpochStats;
import dev.backprop.train.Evaluation;
import dev.backprop.train.Metric;
import dev.backprop.train.KeepBest;
import dev.backprop.train.OptimizerConfig;
import dev.backprop.train.Schedule;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingConfig;
import dev.backprop.train.TrainingDivergedException;
import dev.backprop.train.TrainingListener;
import dev.backprop.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code backprop train}: mini-batch training on a data set (network2's SGD or another optimizer, a learning-rate
 * schedule, dropout, early stopping), a progress bar while each epoch runs, one line after it; {@code --save}
 * keeps the best epoch's model.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a network by mini-batch SGD (or momentum, Nesterov, RMSProp, Adam, AdamW) and",
                "prints the cost and accuracy after every epoch; --save keeps the best epoch's model.",
                "With no options it trains on a built-in synthetic data set (3 interleaved spirals).",
                "Presets (--preset NAME; options given explicitly override the preset's):",
                "  nielsen-ch1      Nielsen ch. 1: 784-30-10 sigmoid, quadratic cost,",
                "                   N(0,1) init, η=3.0, batch 10, 30 epochs, the first",
                "                   50,000 MNIST images (book: 95.42%% test)",
                "  nielsen-ch1-100  the same with 100 hidden neurons (book: 96.59%% test)",
                "  nielsen-ch3      Nielsen ch. 3: 784-100-10 sigmoid, cross-entropy,",
                "                   N(0,1/n_in) init, L2 λ=5.0, η=0.5, batch 10, 30 epochs",
                "                   (book: 97.92%% validation)",
                "  nielsen-ch3-adam the ch. 3 sizes and split (784-100-10) with ReLU, softmax,",
                "                   Adam, L2, dropout 0.2 and cosine annealing, 150 epochs",
                "                   (beats the book's 97.92%% validation, and its test)",
                "  modern           ReLU 784-500-300-10, He init, softmax + log-likelihood,",
                "                   AdamW, dropout 0.3, warm-up then cosine annealing, 40",
                "                   epochs on all 60,000 images (also for --data fashion-mnist)"},
        footer = {"", "Examples:",
                "  backprop download mnist && backprop train --preset nielsen-ch1",
                "  backprop train --preset modern --data fashion-mnist:DIR \\",
                "                 --save fashion.safetensors --plot fashion.png",
                "  backprop train --preset nielsen-ch3 --checkpoint runs/ch3",
                "                 (then, after a stop, the same with --resume)"})
final class TrainCommand implements Callable<Integer> {

    /** Training sets up to this size are re-evaluated exactly after each epoch; bigger ones show the running figure. */
    static final int EXACT_TRAIN_EVALUATION_LIMIT = 20_000;
    /** η for a regression when --eta is not given: with an identity output the classification default diverges. */
    static final double REGRESSION_ETA = 0.1;
    /** The checkpoint file inside {@code --checkpoint DIR}. */
    static final String CHECKPOINT_FILE = "checkpoint.safetensors";

    /** What a non-finite cost does: stop the run (the default) or skip that batch's update and go on. */
    enum NonFinite { STOP, SKIP }

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "nielsen-ch1, nielsen-ch1-100, nielsen-ch3, nielsen-ch3-adam or modern (see above).")
    String preset;

    @Option(names = "--data", paramLabel = "SOURCE", defaultValue = DataSpec.DEFAULT,
            description = "synthetic, synthetic:spirals, synthetic:blobs, mnist[:DIR], fashion-mnist[:DIR], "
                    + "csv:FILE or npz:FILE; without DIR, $BACKPROP_DATA/NAME or data/NAME (default: ${DEFAULT-VALUE}).")
    String data;

    @Mixin
    TabularOptions tabular;

    @Option(names = "--normalize", paramLabel = "auto|none|standardize|min-max", defaultValue = "auto",
            converter = Normalization.Converter.class,
            description = "Per-feature normalisation fitted on the training examples, saved with the model: auto "
                    + "(default) standardises CSV and NumPy data and leaves the built-in sets as they are.")
    Normalization normalize;

    @Mixin
    NetworkOptions network;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "30", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", paramLabel = "M", defaultValue = "10", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--eta", paramLabel = "η",
            description = "Learning rate (default: 3.0 for sgd, momentum and nesterov, " + REGRESSION_ETA + " for a "
                    + "regression; PyTorch's for the others: 0.01 rmsprop, 0.001 adam and adamw).")
    Double eta;

    @Option(names = "--lambda", paramLabel = "λ", defaultValue = "0.0",
            description = "L2 regularisation, network2's (coupled): the weights' gradient gets (λ/n)·W, n the "
                    + "training-set size; for sgd that is W ← (1 − ηλ/n)·W − η·∇C (default: ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--momentum", paramLabel = "μ", defaultValue = "0.0",
            description = "Momentum, PyTorch's form: B ← μ·B + ∇C, W ← W − η·B (default: ${DEFAULT-VALUE}: plain SGD; "
                    + "0.9 with --optimizer momentum or nesterov; RMSProp's own momentum otherwise 0).")
    double momentum;

    @Mixin
    OptimizerOptions optimizerOptions;

    @Option(names = "--eta-decay", paramLabel = "γ", defaultValue = "1.0",
            description = "γ of the exponential and step schedules: η·γ^t (default: ${DEFAULT-VALUE}, constant).")
    double etaDecay;

    @Mixin
    ScheduleOptions scheduleOptions;

    @Option(names = "--validation", paramLabel = "N", defaultValue = "0",
            description = "Hold out the last N training examples as a validation set (the book uses 10000).")
    int validation;

    @Option(names = "--train-size", paramLabel = "N", defaultValue = "0",
            description = "Train on the first N training examples only (after --validation is held out); 0 uses all. "
                    + "For quick runs.")
    int trainSize;

    @Option(names = "--no-shuffle", description = "Keep the data order instead of shuffling each epoch.")
    boolean noShuffle;

    @Option(names = "--eval-train", description = "Evaluate the whole training set after each epoch even when it is "
            + "larger than " + EXACT_TRAIN_EVALUATION_LIMIT + " examples (otherwise the running accuracy is shown).")
    boolean evalTrain;

    @Option(names = "--from", paramLabel = "MODEL",
            description = "Start from a saved model (.safetensors or network2 .json) instead of a fresh initialisation.")
    Path from;

    @Option(names = "--save", paramLabel = "MODEL",
            description = "Save the best epoch's model by --monitor; the extension picks the format: .safetensors or "
                    + ".json (network2). An existing model is replaced only by one at least as good (see --overwrite).")
    Path save;

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "Write DIR/" + CHECKPOINT_FILE + " after every epoch (weights, optimiser and RNG state).")
    Path checkpoint;

    @Option(names = "--resume", description = "Continue the run checkpointed in --checkpoint DIR; its settings are "
            + "restored (options that repeat them are accepted; pass --epochs to train longer). Same backend, "
            + "precision and threads: bit for bit the uninterrupted run.")
    boolean resume;

    @Option(names = "--metrics", paramLabel = "FILE.csv", description = "Write the per-epoch figures as CSV.")
    Path metrics;

    @Option(names = "--plot", paramLabel = "FILE", description = "Draw the cost and accuracy curves; the extension "
            + "picks the format: .png, .svg or .pdf.")
    Path plot;

    @Option(names = "--on-non-finite", paramLabel = "stop|skip", defaultValue = "stop",
            description = "When a batch's cost is NaN or infinite: stop (default) or skip that batch's update.")
    NonFinite onNonFinite;

    @Option(names = "--progress", paramLabel = "auto|always|never", defaultValue = "auto",
            description = "Progress bar while an epoch runs: auto draws it on a terminal only (default: ${DEFAULT-VALUE}).")
    Progress.Mode progress;

    @Mixin
    ControlOptions control;

    @Mixin
    BackendOptions backendOptions;

    /** The options {@code --resume} set from the checkpoint rather than from the command line. */
    java.util.Set<String> restoredSettings = java.util.Set.of();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        if (preset != null) {
            Usage.named(spec, preset, Preset::named).applyTo(spec, spec.commandLine().getParseResult());
        }
        List<TrainOptionRules.Problem> problems = TrainOptionRules.check(this);
        if (!problems.isEmpty()) {
            throw Usage.error(spec, problems.get(0).message());
        }
        Checkpoint resumed = resume ? RunSettings.restore(this) : null;
        if (checkpoint != null && Files.exists(checkpoint.resolve(CHECKPOINT_FILE)) && !resume) {
            throw new IllegalArgumentException("--checkpoint " + checkpoint + " already holds a run's checkpoint; add "
                    + "--resume to continue it, or choose another directory");
        }
        SaveTarget target = save != null ? new SaveTarget(save) : null;
        prepareOutputs(target, err);                               // now, not after hours of training
        DataSpec.Loaded loaded;
        try {
            loaded = DataSpec.load(data, network.seed, tabular, TabularSource.Expect.NOTHING);
        } catch (IllegalArgumentException e) {
            throw restoredSettings.contains("--data") ? new IllegalArgumentException(e.getMessage() + " (--data "
                    + "as recorded in " + checkpoint.resolve(CHECKPOINT_FILE) + ")", e) : e;
        }
        Dataset train = loaded.train();
        Dataset test = loaded.test();
        Dataset heldOut = null;
        if (validation > 0) {
            if (validation >= train.size()) {
                throw new IllegalArgumentException(setting("--validation") + " leaves no training data: the "
                        + "training set has " + train.size() + " examples");
            }
            heldOut = train.subset(train.size() - validation, train.size());
            train = train.subset(0, train.size() - validation);
        }
        if (trainSize > train.size()) {
            throw new IllegalArgumentException(setting("--train-size") + " must be between 1 and the " + train.size()
                    + " training examples (0 uses all)");
        }
        if (trainSize > 0 && trainSize < train.size()) {
            train = train.subset(0, trainSize);
        }
        Scaling scaling = normalize.fit(data, train);         // fitted on the training examples only
        if (scaling != null) {
            train = scaling.apply(train);
            heldOut = heldOut != null ? scaling.apply(heldOut) : null;
            test = test != null ? scaling.apply(test) : null;
        }
        if (train.task() == Task.REGRESSION && resumed == null) {
            var parsed = spec.commandLine().getParseResult();
            if (!parsed.hasMatchedOption("--output")) {
                network.output = "identity";                  // a sigmoid cannot reach targets outside (0, 1)
            }
            if (eta == null && OptimizerOptions.defaultEta(optimizerOptions.kind(momentum)) > REGRESSION_ETA) {
                eta = REGRESSION_ETA;                         // an identity output diverges at the classifier's 3.0
            }
        }
        TrainingConfig config = trainingConfig(heldOut != null, train.task());
        ModelContext context = ModelContext.of(train, scaling, recordedData());
        try (Backend backend = backendOptions.create()) {
            if (resumed == null && from == null) {
                TrainingFootprint.require(network.sizes(train.inputSize(), train.targetSize()), backend.precision(), batch,
                        momentum != 0);
            }
            Network net = startingNetwork(resumed, backend, train);
            BestModelSave saver = target != null ? new BestModelSave(target, control.overwrite, out, err,
                    n -> SavedModel.of(n, context)) : null;
            if (saver != null) {
                target.checkFits(net);                             // the format can describe this network
                saver.noteExisting(config.earlyStopping().monitorFor(heldOut != null, train.task()).name());
            }
            Trainer trainer = new Trainer(net, config);
            if (resumed != null) {
                trainer.restore(resumed.state());
                if (trainer.epochsDone() >= epochs) {
                    throw new IllegalArgumentException("the checkpoint in " + checkpoint + " is at epoch "
                            + trainer.epochsDone() + " of " + epochs + ": nothing left to do; pass --epochs N with N > "
                            + trainer.epochsDone() + " to train further");
                }
            }
            printHeader(out, train, heldOut, test, net, backend, trainer.epochsDone(), config);
            if (train.task() == Task.REGRESSION || scaling != null) {
                out.printf(Locale.ROOT, "task     %s%s%n", train.task().label(), scaling == null ? ""
                        : ", inputs normalised: " + scaling.kind().label() + ", fitted on the training examples");
            }
            Run run = new Run(out, net, trainer, train, heldOut, test, backend);
            if (resumed != null && metrics != null) {
                run.records.addAll(MetricsCsv.read(metrics, trainer.epochsDone(), run.score));
            }
            long start = System.nanoTime();
            TrainingResult result;
            try {
                result = trainer.fit(train, heldOut, run);
            } catch (TrainingDivergedException e) {
                run.closeBar();
                String hint = e.batch() > 0 ? "; or pass --on-non-finite skip to skip such batches" : "";
                String kept = saver != null ? " (" + saver.saveAfterDivergence(net, trainer.keepBest()) + ")" : "";
                throw new IllegalStateException(e.getMessage() + hint + kept, e);
            } finally {
                run.closeBar();
            }
            out.printf(Locale.ROOT, "trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
            printOutcome(out, result, trainer, net, test, run.score);
            Exception saveFailure = null;
            if (saver != null) {
                try {
                    saver.save(net, trainer.keepBest(), trainer.epochsDone(), train, heldOut, backend);
                } catch (IOException | IllegalStateException e) {
                    saveFailure = e;                               // the plot still gets drawn; then this is reported
                }
                if (saveFailure == null && ModelFiles.Format.of(save) == ModelFiles.Format.NETWORK2_JSON && scaling != null) {
                    err.println("note: network2 JSON cannot record the normalisation, class names or data; "
                            + "save as .safetensors to keep them");
                }
            }
            if (plot != null) {
                String title = data.replaceFirst(":.*", "") + " " + NetworkOptions.join(net.sizes()).replace(',', '-');
                TrainingPlot.write(plot, title, run.records, run.score);
                out.printf("plotted  %s%n", plot);
            }
            out.flush();
            if (saveFailure != null) {
                throw saveFailure;
            }
        }
        return 0;
    }

    /** Where the data came from and how it was split, for the saved model (so evaluate can find it again). */
    private Map<String, String> recordedData() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("source", DataSpec.absolute(data));
        d.put("seed", Long.toString(network.seed));
        if (validation > 0) {
            d.put("validation", Integer.toString(validation));
        }
        tabular.record(d);
        return d;
    }

    /** Every file the run will write: its directory made, writable, and free of an interrupted run's leftovers. */
    private void prepareOutputs(SaveTarget target, PrintWriter err) throws IOException {
        if (target != null) {
            target.checkWritable(err);
        }
        for (Path file : new Path[]{plot, metrics, checkpoint != null ? checkpoint.resolve(CHECKPOINT_FILE) : null}) {
            if (file != null) {
                OutputFiles.prepare(file, err);
            }
        }
    }

    /**
     * An option and its value for a message: {@code --validation 70000} as typed, or, when it was restored from
     * the checkpoint, said so, since the user did not type it.
     */
    private String setting(String option) {
        String value = spec.findOption(option).getValue().toString();
        return restoredSettings.contains(option) ? option + " " + value + " (as recorded in "
                + checkpoint.resolve(CHECKPOINT_FILE) + ")" : option + " " + value;
    }

    /** η: {@code --eta}, or the optimizer's default when it is not given. */
    double effectiveEta() {
        return eta != null ? eta : OptimizerOptions.defaultEta(optimizerOptions.kind(momentum));
    }

    /** The run's configuration from the options (after a preset and a resumed checkpoint's settings). */
    TrainingConfig trainingConfig(boolean hasValidation, Task task) {
        OptimizerConfig optimizer = optimizerOptions.config(eta, lambda, momentum);
        Schedule schedule = scheduleOptions.schedule(etaDecay, etaDecay != 1.0);
        return new TrainingConfig(epochs, batch, optimizer, schedule, !noShuffle, network.seed,
                onNonFinite == NonFinite.STOP, control.dropout(), control.earlyStopping(hasValidation, task),
                control.divergenceEpochs);
    }

    /** How the run ended: stopped early or not, and the best epoch, whose parameters the network now holds. */
    private static void printOutcome(PrintWriter out, TrainingResult result, Trainer trainer, Network net, Dataset test,
                                     Metric score) {
        KeepBest best = trainer.keepBest();
        if (result.stop() == TrainingResult.Stop.EARLY_STOPPING) {
            out.printf(Locale.ROOT, "stopped  early after epoch %d: %s did not improve for %d epochs%n",
                    trainer.epochsDone(), best.monitor(), trainer.config().earlyStopping().patience());
        }
        if (best.hasBest()) {
            out.printf(Locale.ROOT, "best     epoch %d, %s %s%s (the model the run ends with)%n", best.bestEpoch(),
                    best.monitor(), best.monitor().format(best.bestValue()), test != null
                            ? ";" + figure(" test ", Evaluation.of(net, test).value(score), score) : "");
        }
    }

    /** The checkpoint's network, the --from model's, or a fresh one from the network options. */
    private Network startingNetwork(Checkpoint resumed, Backend backend, Dataset train) throws IOException {
        if (resumed != null) {
            return resumed.model().build(backend);
        }
        if (from == null) {
            return network.build(backend, train.inputSize(), train.targetSize());
        }
        var matched = spec.commandLine().getParseResult();
        SavedModel model = ModelFiles.read(from, matched.hasMatchedOption("--output") ? new StateDict.Architecture(
                matched.hasMatchedOption("--activation") ? network.activation : null, network.output,
                matched.hasMatchedOption("--cost") ? network.cost : null) : null);
        ModelAgreement.check(matched, network, model, "--from " + from);
        return model.build(backend);
    }

    private void printHeader(PrintWriter out, Dataset train, Dataset heldOut, Dataset test, Network net, Backend backend,
                             int epochsDone, TrainingConfig config) {
        out.printf(Locale.ROOT, "data     %s: %,d training%s%s examples%n", train.name(), train.size(),
                heldOut != null ? String.format(Locale.ROOT, ", %,d validation", heldOut.size()) : "",
                test != null ? String.format(Locale.ROOT, ", %,d test", test.size()) : "");
        String origin = resume ? "resumed from " + checkpoint.resolve(CHECKPOINT_FILE) + " after epoch " + epochsDone
                : from != null ? "from " + from : "init " + network.init + ", seed " + network.seed;
        if (preset != null) {
            out.printf(Locale.ROOT, "preset   %s: %s%n", Preset.named(preset).label(), Preset.named(preset).summary());
        }
        out.printf(Locale.ROOT, "network  %s, %s, %,d parameters%n", net, origin, net.parameterCount());
        out.printf(Locale.ROOT, "backend  %s%n", backend.description());
        OptimizerConfig o = config.optimizer();
        Schedule sc = config.schedule();
        String etaText = sc.isConstant() ? Double.toString(o.eta())
                : sc.shape() == Schedule.Shape.EXPONENTIAL && sc.warmup() == 0 && sc.unit() == Schedule.Unit.EPOCH
                ? o.eta() + " × " + sc.gamma() + "^(epoch−1)" : o.eta() + ", " + sc.describe();
        String rule = switch (o.kind()) {
            case SGD -> "";
            case MOMENTUM -> ", momentum μ = " + o.momentum();
            case NESTEROV -> ", Nesterov momentum μ = " + o.momentum();
            case RMSPROP -> ", α = " + o.alpha() + ", ε = " + o.epsilon()
                    + (o.momentum() != 0 ? ", μ = " + o.momentum() : "");
            case ADAM -> ", β₁ = " + o.beta1() + ", β₂ = " + o.beta2() + ", ε = " + o.epsilon();
            case ADAMW -> ", β₁ = " + o.beta1() + ", β₂ = " + o.beta2() + ", ε = " + o.epsilon() + ", weight decay "
                    + o.weightDecay();
        };
        out.printf(Locale.ROOT, "%-8s %d epochs, batch %d, η = %s%s%s%s%s%n", o.name(), epochs, batch, etaText,
                o.kind() == OptimizerKind.ADAMW ? "" : ", λ = " + o.lambda(),
                rule, config.dropout().isNone() ? "" : ", dropout " + config.dropout(), noShuffle ? ", no shuffling" : "");
        out.printf(Locale.ROOT, "judged   by %s%s%n", config.earlyStopping().monitorFor(heldOut != null),
                config.earlyStopping().patience() > 0 ? String.format(Locale.ROOT, "; stops after %d epochs without an "
                        + "improvement over %s", config.earlyStopping().patience(), config.earlyStopping().minDelta())
                        : "");
        String hint = network.pairingHint();
        if (hint != null) {
            spec.commandLine().getErr().println(hint);             // notes go to stderr: stdout stays the run's record
            spec.commandLine().getErr().flush();
        }
    }

    /** Listens to the trainer: the progress bar, the per-epoch line, metrics, checkpoints. */
    private final class Run implements TrainingListener {
        final PrintWriter out;
        final Network net;
        final Trainer trainer;
        final Dataset train, validationSet, testSet;
        final Backend backend;
        final boolean exactTrain;
        final Progress bars;
        final List<EpochRecord> records = new ArrayList<>();
        /** The per-epoch figure: accuracy for classification, RMSE for regression. */
        final Metric score;
        Progress.Bar bar;

        Run(PrintWriter out, Network net, Trainer trainer, Dataset train, Dataset validationSet, Dataset testSet,
            Backend backend) {
            this.out = out;
            this.net = net;
            this.trainer = trainer;
            this.train = train;
            this.validationSet = validationSet;
            this.testSet = testSet;
            this.backend = backend;
            this.exactTrain = evalTrain || train.size() <= EXACT_TRAIN_EVALUATION_LIMIT;
            this.bars = new Progress(progress, spec.commandLine().getErr());
            this.score = Metric.primary(train.task());
        }

        @Override
        public void batchDone(int epoch, int batchNumber, int batches, long examplesDone, long examplesPerEpoch) {
            if (batchNumber == 1) {
                closeBar();
                bar = bars.start(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs), examplesPerEpoch, " ex", 1,
                        true);
            }
            if (bar != null) {
                bar.stepTo(examplesDone);
            }
        }

        @Override
        public void epochDone(EpochStats s) {
            closeBar();
            double trainCost = s.runningCost(), trainAccuracy = s.runningAccuracy();   // NaN for regression
            if (exactTrain) {
                Evaluation e = Evaluation.of(net, train);
                trainAccuracy = e.value(score);
            }
            Evaluation t = testSet != null ? Evaluation.of(net, testSet) : null;
            EpochRecord r = new EpochRecord(s.epoch(), s.eta(), trainCost, trainAccuracy, exactTrain,
                    s.validationCost(), validationScore(s),
                    t != null ? t.meanCost() : Double.NaN, t != null ? t.value(score) : Double.NaN,
                    s.seconds(), s.examplesPerSecond(), s.skippedBatches(), s.etaEnd());
            records.add(r);
            out.println(line(r, score));
            out.flush();
            try {
                if (metrics != null) {
                    MetricsCsv.write(metrics, records, score);
                }
                if (checkpoint != null && trainer.divergence() == null) {   // a diverged epoch is not worth resuming
                    Checkpoint.write(checkpoint.resolve(CHECKPOINT_FILE), net, trainer.state(),
                            RunSettings.describe(TrainCommand.this, backend));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The validation figure of the epoch's line: the trainer's accuracy, or the regression's RMSE. */
        double validationScore(EpochStats s) {
            return score == Metric.ACCURACY ? s.validationAccuracy() : score == Metric.RMSE ? s.validationRmse()
                    : validationSet != null ? Evaluation.of(net, validationSet).value(score) : Double.NaN;
        }

        void closeBar() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    /** e.g. {@code epoch 3/30  cost 0.12345  train 95.10%  validation 94.80%  test 94.90%  2.5 s, 20,000 ex/s}. */
    private String line(EpochRecord r, Metric score) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %" + Integer.toString(epochs).length()
                + "d/%d  cost %s", r.epoch(), epochs, cost(r.trainCost())));
        if (!Double.isNaN(r.trainAccuracy())) {
            line.append(figure(r.trainExact() ? "  train " : "  train≈", r.trainAccuracy(), score));
        }
        if (!Double.isNaN(r.validationAccuracy())) {
            line.append(figure("  validation ", r.validationAccuracy(), score));
        }
        if (!Double.isNaN(r.testAccuracy())) {
            line.append(figure("  test ", r.testAccuracy(), score));
        }
        line.append(String.format(Locale.ROOT, "  %.1f s, %,.0f ex/s", r.seconds(), r.examplesPerSecond()));
        if (r.skippedBatches() > 0) {
            line.append(String.format(Locale.ROOT, "  (%d batches skipped: non-finite cost)", r.skippedBatches()));
        }
        return line.toString();
    }

    /** e.g. {@code  test 94.90%} (accuracy) or {@code  test RMSE 0.1234} (regression). */
    private static String figure(String label, double value, Metric score) {
        return score == Metric.ACCURACY ? String.format(Locale.ROOT, "%s%.2f%%", label, 100 * value)
                : String.format(Locale.ROOT, "%s%s %.4g", label, score.label(), value);
    }

    /** A cost in five decimals, or in scientific notation when that would print hundreds of digits (or none). */
    static String cost(double c) {
        if (Double.isFinite(c) && c != 0 && (Math.abs(c) >= 1e5 || Math.abs(c) < 1e-4)) {
            return String.format(Locale.ROOT, "%.4e", c);
        }
        return String.format(Locale.ROOT, "%.5f", c);
    }
}
