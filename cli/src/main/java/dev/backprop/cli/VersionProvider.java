package dev.backprop.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Reports backprop's version, the commit it was built from and the JVM it runs on. The version comes from the
 * jar's manifest on the class path, or from the module descriptor on the module path (where a named module's
 * package has no manifest version); the commit from {@code git.properties}, written at build time.
 */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[]{"backprop " + version() + " (" + commit() + ")",
                "JVM: " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }

    /** The manifest's Implementation-Version, else the module descriptor's version, else "development build". */
    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        if (version == null && Main.class.getModule().isNamed()) {
            version = Main.class.getModule().getDescriptor().rawVersion().orElse(null);
        }
        return version != null ? version : "development build";
    }

    /**
     * e.g. {@code commit 1a2b3c4 of 2026-12-01}, noting uncommitted changes in the build. The build writes
     * {@code git.properties} from {@code git log -1 --format='%h %cs'} and {@code git diff --quiet HEAD}'s exit
     * code; where git or the repository was missing, its values are unset or say so.
     */
    static String commit() {
        Properties git = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("git.properties")) {
            if (in == null) {
                return "commit unknown: built without git.properties";
            }
            git.load(in);
        } catch (IOException e) {
            return "commit unknown: " + e.getMessage();
        }
        String[] commit = git.getProperty("commit", "").trim().split(" ");
        if (!"0".equals(git.getProperty("log.result")) || commit[0].isEmpty() || commit[0].startsWith("$")) {
            return "commit unknown: built outside a git checkout";
        }
        return "commit " + commit[0] + (commit.length > 1 ? " of " + commit[1] : "")
                + ("1".equals(git.getProperty("diff.result")) ? ", with uncommitted changes" : "");
    }
}
