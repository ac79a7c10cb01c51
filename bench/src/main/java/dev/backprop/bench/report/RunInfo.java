package dev.backprop.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.backprop.bench.AtomicWrite;
import dev.backprop.bench.BackendProbe;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the report says about a run besides its figures ({@code run.json} in the results directory): the
 * profile, when it ran and for how long, the machine, the JDK, every backend as the forks saw it, and any
 * job that failed.
 *
 * @param profile     {@code quick}, {@code full} or {@code smoke}
 * @param started     ISO-8601 instant
 * @param seconds     wall-clock duration of the whole run
 * @param cpu         the CPU model ({@code /proc/cpuinfo}), or the architecture where that is unreadable
 * @param cores       logical processors the JVM sees
 * @param memoryGiB   physical memory
 * @param os          name, version, architecture
 * @param java        the JDK's runtime version and VM
 * @param jvmFlags    the flags every fork got
 * @param commit      {@code git describe} of the checkout, or "unknown"
 * @param note        the operator's remark (e.g. "shared machine, noisy"), or empty
 * @param backends    every registered backend as a fork sees it
 * @param failures    one line per job that failed
 */
public record RunInfo(String profile, String started, double seconds, String cpu, int cores, double memoryGiB,
                      String os, String java, List<String> jvmFlags, String commit, String note,
                      List<BackendProbe.Probed> backends, List<String> failures) {

    /** The file name inside a results directory. */
    public static final String FILE = "run.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static RunInfo read(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), RunInfo.class);
        } catch (IOException e) {
            throw new IOException(file + ": not a run description written by the bench runner (" + e.getMessage()
                    + ")", e);
        }
    }

    public void write(Path file) throws IOException {
        AtomicWrite.bytes(file, JSON.writeValueAsBytes(this));
    }

    /** The CPU model from {@code /proc/cpuinfo}'s first {@code model name}, or the architecture. */
    public static String thisCpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: fall back to what the JVM knows
        }
        return System.getProperty("os.arch");
    }

    /** Physical memory in GiB, or NaN where the platform MXBean does not tell. */
    public static double thisMemoryGiB() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024.0 * 1024 * 1024);
        }
        return Double.NaN;
    }

    public static String thisOs() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    }

    public static String thisJava() {
        return String.format(Locale.ROOT, "%s %s (%s)", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vendor"));
    }

    /** The backend probe entry called {@code name}. */
    public Optional<BackendProbe.Probed> backend(String name) {
        return backends.stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
