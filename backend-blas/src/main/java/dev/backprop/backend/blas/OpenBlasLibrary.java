package dev.backprop.backend.blas;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_full;

/**
 * OpenBLAS as the JavaCPP presets ship it: loaded once per JVM, and what the loaded library says about itself.
 *
 * <p>{@link openblas_full} is the presets' binding of the whole OpenBLAS API. The lighter
 * {@code openblas_nolapack} binding lacks {@code openblas_get_config}, {@code openblas_get_corename} and
 * {@code openblas_set_num_threads} (the presets keep it swappable for MKL), and this backend needs all three.
 * Loading it extracts the platform's libraries from the natives jar on the class path into JavaCPP's cache
 * ({@code ~/.javacpp/cache}, or {@code -Dorg.bytedeco.javacpp.cachedir}; when the home directory is not
 * writable JavaCPP uses {@code java.io.tmpdir}) and loads them from there: nothing is downloaded.
 *
 * <p>The provider reaches this class inside a {@code try}: a missing jar or native library surfaces as a
 * {@link LinkageError} here and becomes an unusable reason there.
 */
final class OpenBlasLibrary {

    /**
     * What the loaded library reports.
     *
     * @param version  e.g. {@code 0.3.31}
     * @param core     the CPU core OpenBLAS detected at load time and picked its kernels for, e.g. {@code Haswell}
     * @param config   {@code openblas_get_config()}, e.g. {@code OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64}
     * @param platform JavaCPP's platform name, e.g. {@code linux-x86_64}
     */
    record Info(String version, String core, String config, String platform) {
    }

    private static Info info;

    private OpenBlasLibrary() {
    }

    /** Loads OpenBLAS (once; later calls return the first answer), or throws the {@link LinkageError} that stopped it. */
    static synchronized Info load() {
        if (info == null) {
            Loader.load(openblas_full.class);
            String config = openblas_full.openblas_get_config().getString().trim();
            String[] words = config.split("\\s+");
            String version = words.length > 1 && words[0].equals("OpenBLAS") ? words[1] : config;
            info = new Info(version, openblas_full.openblas_get_corename().getString().trim(), config,
                    Loader.getPlatform());
        }
        return info;
    }

    /** JavaCPP's name for this machine's platform (also when its natives are missing), e.g. {@code linux-x86_64}. */
    static String platform() {
        return Loader.getPlatform();
    }
}
