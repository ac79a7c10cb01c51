package dev.backprop.cli;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * When and where progress bars (me.tongfei:progressbar) are drawn. {@code auto} draws them only on a terminal:
 * redirected to a file or a CI log, a bar redrawn with carriage returns is noise, so nothing is drawn and the
 * per-epoch lines say it all. {@code always} draws them anyway, to the command's error stream.
 */
final class Progress {

    /** The {@code --progress} setting. */
    enum Mode { AUTO, ALWAYS, NEVER }

    private static final int WIDTH_WHEN_NOT_A_TERMINAL = 100;

    private final Mode mode;
    private final PrintWriter err;

    Progress(Mode mode, PrintWriter err) {
        this.mode = mode;
        this.err = err;
    }

    /**
     * A started bar counting to {@code max} {@code unit}s (with its rate and ETA; −1 when the total is unknown), or
     * null when none is drawn. Close it when done; {@code clear} erases it then, so that a summary line can take
     * its place.
     */
    Bar start(String task, long max, String unit, long unitSize, boolean clear) {
        boolean terminal = isTerminal();
        if (mode == Mode.NEVER || (mode == Mode.AUTO && !terminal)) {
            return null;
        }
        // no showSpeed(): the library divides by whole elapsed seconds, so for the first second it has no rate
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                .setUnit(unit, unitSize).setUpdateIntervalMillis(250).setStyle(ProgressBarStyle.ASCII);
        if (clear) {
            b.clearDisplayOnFinish();
        }
        if (!terminal) {
            b.setConsumer(new DelegatingProgressBarConsumer(line -> {
                err.print('\r');
                err.print(line);
                err.flush();
            }, WIDTH_WHEN_NOT_A_TERMINAL));
        }
        return new Bar(b.build(), new Rate(unit.strip(), unitSize, System::nanoTime));
    }

    /** A drawn progress bar and the rate shown beside it. */
    static final class Bar implements AutoCloseable {
        private final ProgressBar bar;
        private final Rate rate;

        Bar(ProgressBar bar, Rate rate) {
            this.bar = bar;
            this.rate = rate;
        }

        /** Sets the count done so far. */
        void stepTo(long done) {
            bar.stepTo(done);
            bar.setExtraMessage(rate.at(done));
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /**
     * Units per second since the start, measured in nanoseconds (so it is right from the first fraction of a
     * second on), e.g. {@code 12,345 ex/s}.
     */
    static final class Rate {
        private final String unit;
        private final long unitSize;
        private final LongSupplier nanos;
        private final long start;

        Rate(String unit, long unitSize, LongSupplier nanos) {
            this.unit = unit;
            this.unitSize = unitSize;
            this.nanos = nanos;
            this.start = nanos.getAsLong();
        }

        /** The rate after {@code done} raw units (bytes for KiB), or "" before any time has passed. */
        String at(long done) {
            long elapsed = nanos.getAsLong() - start;
            if (elapsed <= 0) {
                return "";
            }
            return String.format(Locale.ROOT, "%,.0f %s/s", (double) done / unitSize / (elapsed / 1e9), unit);
        }
    }

    /**
     * Whether the JVM talks to a terminal. Before JDK 22 {@code System.console()} is non-null only then; from 22
     * on it may exist without a terminal and {@code Console.isTerminal()} (absent on 17) tells.
     */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
