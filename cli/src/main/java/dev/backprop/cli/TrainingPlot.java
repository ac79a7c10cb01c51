package dev.backprop.cli;

import dev.backprop.io.AtomicFiles;
import dev.backprop.train.Metric;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * {@code --plot FILE}: the cost and accuracy (or RMSE) curves per epoch and the learning rate, drawn with XChart
 * side by side in one image (headless: no display is needed): PNG, or SVG or PDF (vector, through
 * VectorGraphics2D, the library XChart's own vector encoder uses), by the file's extension. The learning rate is
 * drawn from each epoch's first to its last step (flat under a per-epoch schedule, a slope under a per-step one).
 */
final class TrainingPlot {

    /** The image formats, by extension. */
    enum Format {
        PNG, SVG, PDF;

        /**
         * The format {@code file}'s extension names.
         *
         * @throws IllegalArgumentException for any other extension, naming the ones known
         */
        static Format of(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            for (Format f : values()) {
                if (name.endsWith("." + f.name().toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new IllegalArgumentException(file + ": unknown image format; name the plot *.png, *.svg or *.pdf");
        }
    }

    private static final int WIDTH = 640;
    private static final int HEIGHT = 420;

    private TrainingPlot() {
    }

    /**
     * Draws {@code records} into {@code file}; {@code title} names the run, e.g. {@code mnist 784-100-10}, and
     * {@code score} is what the records' accuracy fields hold (accuracy, or RMSE for a regression).
     */
    static void write(Path file, String title, List<EpochRecord> records, Metric score) throws IOException {
        Format format = Format.of(file);
        boolean percent = score == Metric.ACCURACY;
        String what = percent ? "accuracy" : score.label();
        System.setProperty("java.awt.headless", "true");
        boolean exact = !records.isEmpty() && records.get(0).trainExact();
        XYChart cost = chart(title + ": cost", "cost per example", Styler.LegendPosition.InsideNE);
        add(cost, "training (running)", records, EpochRecord::trainCost);
        add(cost, "validation", records, EpochRecord::validationCost);
        add(cost, "test", records, EpochRecord::testCost);
        double f = percent ? 100 : 1;
        XYChart accuracy = chart(title + ": " + what, percent ? "accuracy (%)" : what,
                percent ? Styler.LegendPosition.InsideSE : Styler.LegendPosition.InsideNE);
        add(accuracy, exact ? "training" : "training (running)", records, r -> f * r.trainAccuracy());
        add(accuracy, "validation", records, r -> f * r.validationAccuracy());
        add(accuracy, "test", records, r -> f * r.testAccuracy());
        XYChart rate = chart(title + ": learning rate", "η", Styler.LegendPosition.InsideNE);
        addLearningRate(rate, records);
        List<XYChart> charts = List.of(cost, accuracy, rate);
        AtomicFiles.write(file, out -> {
            if (format == Format.PNG) {
                png(out, charts);
            } else {
                vector(out, format, charts);
            }
        });
    }

    /** The charts side by side in one PNG. */
    private static void png(OutputStream out, List<XYChart> charts) throws IOException {
        BufferedImage image = new BufferedImage(charts.size() * WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), i * WIDTH, 0, null);
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer in this JVM's ImageIO");
        }
    }

    /** The charts side by side in one vector page, each painted as XChart's VectorGraphicsEncoder paints one. */
    private static void vector(OutputStream out, Format format, List<XYChart> charts) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        for (int i = 0; i < charts.size(); i++) {
            Graphics2D part = (Graphics2D) g.create();
            part.translate(i * WIDTH, 0);
            charts.get(i).paint(part, WIDTH, HEIGHT);
            part.dispose();
        }
        Processors.get(format.name().toLowerCase(Locale.ROOT)).getDocument(g.getCommands(),
                new PageSize(0, 0, charts.size() * WIDTH, HEIGHT)).writeTo(out);
    }

    /** Costs fall and accuracies rise, so their legends go in the corners the curves leave empty. */
    private static XYChart chart(String title, String yTitle, Styler.LegendPosition legend) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("epoch")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(legend);
        chart.getStyler().setDecimalPattern("#,##0.###");
        return chart;
    }

    /** η over each epoch, from x = epoch − 1 (its first step) to x = epoch (its last). */
    private static void addLearningRate(XYChart chart, List<EpochRecord> records) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (EpochRecord r : records) {
            if (!Double.isNaN(r.eta())) {
                xs.add(r.epoch() - 1.0);
                ys.add(r.eta());
                xs.add((double) r.epoch());
                ys.add(Double.isNaN(r.etaEnd()) ? r.eta() : r.etaEnd());
            }
        }
        if (!xs.isEmpty()) {
            chart.addSeries("η", xs, ys).setMarker(SeriesMarkers.NONE);
        }
    }

    /** Adds a series unless it was never measured (all NaN). */
    private static void add(XYChart chart, String name, List<EpochRecord> records, ToDoubleFunction<EpochRecord> y) {
        List<Integer> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (EpochRecord r : records) {
            double v = y.applyAsDouble(r);
            if (!Double.isNaN(v)) {
                xs.add(r.epoch());
                ys.add(v);
            }
        }
        if (!xs.isEmpty()) {
            chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.CIRCLE);
        }
    }
}
