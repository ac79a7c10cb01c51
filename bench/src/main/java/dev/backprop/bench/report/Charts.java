package dev.backprop.bench.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The report's PNG charts, drawn with XChart. */
public final class Charts {

    /** The headline step's samples per second per backend (and peer), one bar per precision × threads. */
    public static final String TRAIN_STEP = "train-step.png";
    /** GFLOP/s of the square products against their size, one line per backend × precision × threads. */
    public static final String GEMM_BY_SIZE = "gemm-gflops.png";

    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;

    private Charts() {
    }

    /**
     * A bar chart of {@code steps} (the headline configuration): categories are the backends, fastest first,
     * then the peers; one series per precision × threads. A missing measurement draws no bar (height 0).
     */
    public static Optional<byte[]> trainStep(List<Figures.Step> steps, Peers peers, String title) throws IOException {
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        List<String> backends = steps.stream()
                .sorted(Comparator.comparingDouble(Figures.Step::samplesPerS).reversed())
                .map(Figures.Step::backend).distinct().toList();
        List<String> categories = new ArrayList<>(backends);
        peers.names().forEach(p -> categories.add(p + " (peer)"));     // versions are in the table; long labels overlap
        Figures.Step like = steps.get(0);

        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (String precision : List.of("f64", "f32")) {
            for (int threads : steps.stream().mapToInt(Figures.Step::threads).distinct().sorted().toArray()) {
                List<Double> values = new ArrayList<>();
                boolean any = false;
                for (String b : backends) {
                    double v = steps.stream().filter(s -> s.backend().equals(b) && s.precision().equals(precision)
                            && s.threads() == threads).mapToDouble(Figures.Step::samplesPerS).findFirst().orElse(0);
                    any |= v > 0;
                    values.add(v);
                }
                for (String p : peers.names()) {
                    values.add(peers.find(p, like.network(), like.batch(), precision, threads)
                            .map(Peers.Timing::samplesPerS).orElse(0.0));
                }
                if (any) {
                    series.put(precision + ", " + Format.threads(threads), values);
                }
            }
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("backend").yAxisTitle("samples per second (higher is better)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisDecimalPattern("#,###");
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        series.forEach((name, values) -> chart.addSeries(name, categories, values));
        return Optional.of(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    /**
     * GFLOP/s against n for the square n×n·n×n products, one line per backend (or raw library) × precision ×
     * threads; empty when the run measured fewer than two square sizes.
     */
    public static Optional<byte[]> gemmBySize(List<Figures.Gemm> gemms, String title) throws IOException {
        List<Figures.Gemm> squares = gemms.stream().filter(g -> g.shape().isSquare()).toList();
        if (squares.stream().mapToInt(g -> g.shape().m()).distinct().count() < 2) {
            return Optional.empty();
        }
        Map<String, List<Figures.Gemm>> lines = new LinkedHashMap<>();
        squares.stream()
                .sorted(Comparator.comparing(Figures.Gemm::label).thenComparing(Figures.Gemm::precision)
                        .thenComparingInt(Figures.Gemm::threads).thenComparingInt(g -> g.shape().m()))
                .forEach(g -> lines.computeIfAbsent(g.label() + " " + g.precision() + ", " + Format.threads(g.threads()),
                        k -> new ArrayList<>()).add(g));
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("n (n×n·n×n product)").yAxisTitle("GFLOP/s (higher is better)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (Map.Entry<String, List<Figures.Gemm>> line : lines.entrySet()) {
            double[] x = line.getValue().stream().mapToDouble(g -> g.shape().m()).toArray();
            double[] y = line.getValue().stream().mapToDouble(Figures.Gemm::gflops).toArray();
            chart.addSeries(line.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        return Optional.of(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}
