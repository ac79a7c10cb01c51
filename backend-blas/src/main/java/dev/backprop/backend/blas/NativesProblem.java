package dev.backprop.backend.blas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;

/**
 * Why OpenBLAS could not load here, and what the user can do about it: the provider's unusable reason. A
 * function of the error and of a few facts about the JVM ({@link Context}), so each case is testable without
 * breaking a JVM.
 */
final class NativesProblem {

    /**
     * The binding this backend was built against, from the build ({@code natives.properties}).
     *
     * @param openblas        the version of {@code org.bytedeco:openblas}, e.g. {@code 0.3.31-1.5.13}
     * @param javacpp         the version of {@code org.bytedeco:javacpp}, e.g. {@code 1.5.13}
     * @param bundledPlatform the one platform whose natives the project's POMs bring, e.g. {@code linux-x86_64}
     */
    record BuiltWith(String openblas, String javacpp, String bundledPlatform) {

        /** Reads {@code natives.properties} beside this class. */
        static BuiltWith read() {
            Properties p = new Properties();
            try (InputStream in = NativesProblem.class.getResourceAsStream("natives.properties")) {
                if (in == null) {
                    throw new IllegalStateException("natives.properties is missing from backprop-backend-blas");
                }
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new BuiltWith(p.getProperty("openblas.version"), p.getProperty("javacpp.version"),
                    p.getProperty("bundled.platform"));
        }
    }

    /** The binding and platform this build bundles. */
    static final BuiltWith BUILT_WITH = BuiltWith.read();

    /**
     * The facts about this JVM that decide the advice.
     *
     * @param platform              JavaCPP's platform name ({@code linux-x86_64}), or a guess at it when JavaCPP
     *                              itself is missing
     * @param modulePath            whether this backend runs as a named module (on the module path)
     * @param nativesModuleResolved whether the platform's natives module is in this backend's module layer
     */
    record Context(String platform, boolean modulePath, boolean nativesModuleResolved) {

        /** The facts of the running JVM. */
        static Context current() {
            String platform;
            try {
                platform = OpenBlasLibrary.platform();
            } catch (LinkageError e) {
                platform = guessPlatform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
            }
            Module module = NativesProblem.class.getModule();
            ModuleLayer layer = module.getLayer() != null ? module.getLayer() : ModuleLayer.boot();
            return new Context(platform, module.isNamed(), layer.findModule(nativesModule(platform)).isPresent());
        }
    }

    private NativesProblem() {
    }

    /** The unusable reason for {@code error}, thrown while loading OpenBLAS, in {@code context}. */
    static String explain(Throwable error, Context context) {
        String p = context.platform();
        String jars = "org.bytedeco:openblas:" + BUILT_WITH.openblas() + ":" + p + " and org.bytedeco:javacpp:"
                + BUILT_WITH.javacpp() + ":" + p;
        Throwable cause = rootOfInterest(error);
        String what = cause.getClass().getSimpleName() + ": " + shorten(cause.getMessage());
        if (cause instanceof NoClassDefFoundError && String.valueOf(cause.getMessage()).contains("org/bytedeco")) {
            return "the JavaCPP presets for OpenBLAS are not on the class path (" + what + "); add org.bytedeco:openblas:"
                    + BUILT_WITH.openblas() + " and org.bytedeco:javacpp:" + BUILT_WITH.javacpp()
                    + " with their natives (" + jars + ")";
        }
        if (context.modulePath() && !context.nativesModuleResolved()) {
            return "OpenBLAS's natives for " + p + " are not resolved on the module path (" + what + "); start java"
                    + " with --add-modules " + nativesModule(p) + "," + javacppNativesModule(p) + " (their jars, "
                    + jars + ", must be on the module path)";
        }
        if (cause instanceof UnsatisfiedLinkError) {
            if (!p.equals(BUILT_WITH.bundledPlatform())) {
                return "no OpenBLAS natives for this platform, " + p + " (" + what + "): backprop bundles those for "
                        + BUILT_WITH.bundledPlatform() + " only; add " + jars + " to the class path, if JavaCPP"
                        + " publishes that platform (see the README, 'The native-BLAS backend')";
            }
            return "OpenBLAS's natives for " + p + " could not be loaded (" + what + "); put " + jars
                    + " on the class path (the backprop-backend-blas POM brings them), and check that JavaCPP's"
                    + " cache directory (~/.javacpp/cache, or -Dorg.bytedeco.javacpp.cachedir) is writable and"
                    + " allows executables";
        }
        return "OpenBLAS failed to load (" + what + ")";
    }

    /** The natives module of OpenBLAS for {@code platform}: {@code org.bytedeco.openblas.linux.x86_64}. */
    static String nativesModule(String platform) {
        return "org.bytedeco.openblas." + platform.replace('-', '.');
    }

    private static String javacppNativesModule(String platform) {
        return "org.bytedeco.javacpp." + platform.replace('-', '.');
    }

    /** JavaCPP's platform naming ({@code linux-x86_64}, {@code macosx-arm64}, {@code windows-x86_64}). */
    static String guessPlatform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String name = os.startsWith("mac") ? "macosx" : os.startsWith("windows") ? "windows"
                : os.replaceAll("[^a-z]", "");
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x86-64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            case "i386", "i486", "i586", "i686", "x86" -> "x86";
            default -> osArch.toLowerCase(Locale.ROOT);
        };
        return name + "-" + arch;
    }

    /** The first link or missing-class error in the cause chain, else the error itself. */
    private static Throwable rootOfInterest(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnsatisfiedLinkError || t instanceof NoClassDefFoundError) {
                return t;
            }
        }
        return e;
    }

    /** The message without the search path JavaCPP appends to a missing library (it can be very long). */
    private static String shorten(String message) {
        if (message == null) {
            return "(no message)";
        }
        int cut = message.indexOf(" in java.library.path");
        return cut > 0 ? message.substring(0, cut) : message;
    }
}
