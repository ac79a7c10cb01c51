package dev.backprop.cli;

import dev.backprop.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * {@code --plot FILE.png}: the cost and accuracy curves per epoch and the learning rate, drawn with XChart side by
 * side in one PNG (headless: no display is needed). The learning rate is drawn from each epoch's first to its last
 * step (flat under a per-epoch schedule, a slope under a per-step one).
 */
final class TrainingPlot {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 420;

    private TrainingPlot() {
    }

    /** Draws {@code records} into {@code file}; {@code title} names the run, e.g. {@code mnist 784-100-10}. */
    static void write(Path file, String title, List<EpochRecord> records) throws IOException {
        System.setProperty("java.awt.headless", "true");
        boolean exact = !records.isEmpty() && records.get(0).trainExact();
        XYChart cost = chart(title + ": cost", "cost per example", Styler.LegendPosition.InsideNE);
        add(cost, "training (running)", records, EpochRecord::trainCost);
        add(cost, "validation", records, EpochRecord::validationCost);
        add(cost, "test", records, EpochRecord::testCost);
        XYChart accuracy = chart(title + ": accuracy", "accuracy (%)", Styler.LegendPosition.InsideSE);
        add(accuracy, exact ? "training" : "training (running)", records, r -> 100 * r.trainAccuracy());
        add(accuracy, "validation", records, r -> 100 * r.validationAccuracy());
        add(accuracy, "test", records, r -> 100 * r.testAccuracy());
        XYChart rate = chart(title + ": learning rate", "η", Styler.LegendPosition.InsideNE);
        addLearningRate(rate, records);
        BufferedImage image = new BufferedImage(3 * WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(BitmapEncoder.getBufferedImage(cost), 0, 0, null);
            g.drawImage(BitmapEncoder.getBufferedImage(accuracy), WIDTH, 0, null);
            g.drawImage(BitmapEncoder.getBufferedImage(rate), 2 * WIDTH, 0, null);
        } finally {
            g.dispose();
        }
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer in this JVM's ImageIO");
            }
        });
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
