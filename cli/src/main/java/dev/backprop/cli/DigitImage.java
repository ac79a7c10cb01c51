package dev.backprop.cli;

import dev.backprop.memory.MemoryBudget;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

/**
 * An image file (PNG, or anything else javax.imageio reads) turned into a network input the way MNIST's are:
 * {@code side × side} greyscale, row-major, scaled to [0, 1] with <b>white (1) for ink on a black (0)
 * background</b>. Colour is reduced to luminance, transparency is composited over white, and an image of
 * another size is scaled to {@code side × side} (area averaging) as a whole, so crop it to the digit with a
 * margin first. A light background (the mean of the outermost ring of pixels above one half) is inverted unless
 * told otherwise: a black digit on white paper works as is.
 */
final class DigitImage {

    /** Pillow's {@code MAX_IMAGE_PIXELS} (2^30 / 4 / 3, past which it warns of a decompression bomb): 89 Mpx. */
    static final long MAX_PIXELS = (1L << 30) / 4 / 3;

    /** Whether to invert light and dark. */
    enum Invert { AUTO, YES, NO }

    /**
     * @param pixels   side² values in [0, 1], row-major, white ink on black
     * @param inverted whether the source's light and dark were swapped to get there
     * @param width    the source's width, before any scaling
     * @param height   the source's height
     */
    record Loaded(double[] pixels, boolean inverted, int width, int height) {
    }

    private DigitImage() {
    }

    static Loaded read(Path file, int side, Invert invert) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file + ": no such image file");
        }
        System.setProperty("java.awt.headless", "true");
        BufferedImage source = decode(file);
        BufferedImage grey = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grey.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, side, side);                      // transparency composites over white paper
            Image scaled = source.getWidth() == side && source.getHeight() == side ? source
                    : source.getScaledInstance(side, side, Image.SCALE_AREA_AVERAGING);
            g.drawImage(scaled, 0, 0, null);
        } finally {
            g.dispose();
        }
        double[] v = new double[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int rgb = grey.getRGB(x, y);
                double r = (rgb >> 16) & 0xFF, gr = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
                v[y * side + x] = (0.299 * r + 0.587 * gr + 0.114 * b) / 255.0;   // ITU-R BT.601 luma
            }
        }
        boolean flip = invert == Invert.YES || (invert == Invert.AUTO && borderMean(v, side) > 0.5);
        if (flip) {
            for (int i = 0; i < v.length; i++) {
                v[i] = 1.0 - v[i];
            }
        }
        return new Loaded(v, flip, source.getWidth(), source.getHeight());
    }

    /**
     * Decodes the first image of {@code file}, after reading its size from the header: one that declares more
     * than {@link #MAX_PIXELS} is refused before a byte of it is decoded (a small file can declare a huge image:
     * a decompression bomb).
     */
    static BufferedImage decode(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException(file + ": not an image javax.imageio can read (use PNG, e.g. a 28×28 greyscale "
                        + "digit)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0), height = reader.getHeight(0);
                if (width * height > MAX_PIXELS) {
                    throw new IOException(String.format(Locale.ROOT, "%s: declares %,d×%,d = %,d pixels, more than "
                            + "the %,d this command decodes (Pillow's limit too); scale or crop it first", file, width,
                            height, width * height, MAX_PIXELS));
                }
                MemoryBudget.require(4 * width * height, String.format(Locale.ROOT, "decoding the %,d×%,d image %s",
                        width, height, file));
                return reader.read(0);
            } catch (IOException | RuntimeException e) {
                if (e.getMessage() != null && e.getMessage().startsWith(file.toString())
                        || e instanceof IllegalArgumentException) {
                    throw e;
                }
                throw new IOException(file + ": not a readable " + reader.getFormatName() + " image ("
                        + (e.getMessage() != null ? e.getMessage() : e.toString()) + ")", e);
            } finally {
                reader.dispose();
            }
        }
    }

    private static double borderMean(double[] v, int side) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                if (i == 0 || j == 0 || i == side - 1 || j == side - 1) {
                    sum += v[i * side + j];
                    n++;
                }
            }
        }
        return sum / n;
    }
}
