package dev.backprop.cli;

import picocli.CommandLine;

/** Reports the jar's version and the JVM it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[]{"backprop " + (version != null ? version : "(development build)"),
                "JVM: " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
