package dev.backprop.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads arrays from NumPy's {@code .npz} archives ({@code np.savez}, {@code np.savez_compressed}): a zip file
 * whose entries {@code NAME.npy} are {@link Npy} arrays, stored or deflated. Only the arrays asked for are
 * read. An entry's bytes are read as they inflate and checked by {@link Npy}'s rules (its declared size in the
 * zip directory is not trusted); errors name the archive, the entry and the field.
 */
public final class Npz {

    private Npz() {
    }

    /** The names of the arrays in {@code file} (its entries without {@code .npy}), in archive order. */
    public static List<String> names(Path file) throws IOException {
        try (ZipFile zip = open(file)) {
            List<String> names = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                String n = e.nextElement().getName();
                names.add(n.endsWith(".npy") ? n.substring(0, n.length() - 4) : n);
            }
            return names;
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(file.toString(), "zip", "an entry name is not valid UTF-8 (" + e.getMessage()
                    + ")");
        }
    }

    /**
     * Reads the arrays called {@code names} from {@code file}, in that order.
     *
     * @throws NpyFormatException when an array is missing (the message lists those present) or malformed
     */
    public static Map<String, Npy.Array> read(Path file, Collection<String> names) throws IOException {
        String archive = file.toString();
        try (ZipFile zip = open(file)) {
            Map<String, Npy.Array> out = new LinkedHashMap<>();
            for (String name : names) {
                ZipEntry entry = zip.getEntry(name + ".npy");
                if (entry == null) {
                    throw new NpyFormatException(archive, name, "no array '" + name + "' in the archive; it holds "
                            + names(file));
                }
                String source = archive + "[" + entry.getName() + "]";
                try (InputStream in = zip.getInputStream(entry)) {
                    out.put(name, Npy.read(in, -1, source));
                } catch (NpyFormatException e) {
                    throw e;
                } catch (IOException e) {                      // ZipException, EOF inside the deflate stream
                    throw new NpyFormatException(source, "zip", "corrupt entry (" + e.getMessage() + ")", e);
                }
            }
            return out;
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(archive, "zip", "an entry name is not valid UTF-8 (" + e.getMessage() + ")");
        }
    }

    private static ZipFile open(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException | java.io.EOFException e) {
            throw new NpyFormatException(file.toString(), "zip", "not a readable .npz (zip) archive ("
                    + e.getMessage() + "); save it with numpy.savez", e);
        }
    }
}
