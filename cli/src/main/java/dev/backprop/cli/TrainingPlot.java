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
 * {@code --plot FILE}: the cost and accuracy curves per epoch, drawn with XChart side by side in one image
 * (headless: no display is needed): PNG, or SVG or PDF (vector, through VectorGraphics2D, the library XChart's
 * own vector encoder uses), by the file's extension.
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
        AtomicFiles.write(file, out -> {
            if (format == Format.PNG) {
                png(out, cost, accuracy);
            } else {
                vector(out, format, cost, accuracy);
            }
        });
    }

    private static void png(OutputStream out, XYChart left, XYChart right) throws IOException {
        BufferedImage image = new BufferedImage(2 * WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(BitmapEncoder.getBufferedImage(left), 0, 0, null);
            g.drawImage(BitmapEncoder.getBufferedImage(right), WIDTH, 0, null);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer in this JVM's ImageIO");
        }
    }

    /** Both charts painted into one vector page, as XChart's VectorGraphicsEncoder paints one. */
    private static void vector(OutputStream out, Format format, XYChart left, XYChart right) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        left.paint(g, WIDTH, HEIGHT);
        Graphics2D r = (Graphics2D) g.create();
        r.translate(WIDTH, 0);
        right.paint(r, WIDTH, HEIGHT);
        r.dispose();
        Processors.get(format.name().toLowerCase(Locale.ROOT)).getDocument(g.getCommands(),
                new PageSize(0, 0, 2 * WIDTH, HEIGHT)).writeTo(out);
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
