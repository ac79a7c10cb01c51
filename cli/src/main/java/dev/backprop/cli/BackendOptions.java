package dev.backprop.cli;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Backends;
import dev.backprop.backend.Precision;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The options that pick and configure a backend, shared by every command that computes. */
final class BackendOptions {

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to use (see `backprop backends`). Default: -Dbackprop.backend, then "
                    + "BACKPROP_BACKEND, then the highest-priority usable backend.")
    String backend;

    @Option(names = "--precision", paramLabel = "f64|f32", defaultValue = "f64", converter = PrecisionConverter.class,
            description = "Floating-point precision (default: ${DEFAULT-VALUE}).")
    Precision precision;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Threads a kernel may use (default: ${DEFAULT-VALUE}, which is reproducible).")
    int threads;

    BackendConfig config() {
        return BackendConfig.of(precision, threads);
    }

    /** The named backend exactly, or the discovery rules' choice when no name was given. */
    Backend create() {
        return backend != null ? Backends.createNamed(backend, config()) : Backends.create(config());
    }

    /** {@code f64}, {@code f32} and their aliases; an unknown name is a one-line usage error. */
    static final class PrecisionConverter implements ITypeConverter<Precision> {
        @Override
        public Precision convert(String value) {
            try {
                return Precision.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
