package dev.backprop.cli;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.time.temporal.ChronoUnit;

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
     * A started bar counting to {@code max} {@code unit}s (with speed and ETA; −1 when the total is unknown), or
     * null when none is drawn. Close it when done; {@code clear} erases it then, so that a summary line can take
     * its place.
     */
    ProgressBar start(String task, long max, String unit, long unitSize, boolean clear) {
        boolean terminal = isTerminal();
        if (mode == Mode.NEVER || (mode == Mode.AUTO && !terminal)) {
            return null;
        }
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                .setUnit(unit, unitSize).showSpeed().setSpeedUnit(ChronoUnit.SECONDS).setUpdateIntervalMillis(250)
                .setStyle(ProgressBarStyle.ASCII);
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
        return b.build();
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
