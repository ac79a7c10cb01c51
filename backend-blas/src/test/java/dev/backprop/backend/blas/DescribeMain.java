package dev.backprop.backend.blas;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Backends;

/** Run in a child JVM by {@link ProviderTest}: prints discovery's account and the backend it starts. */
public final class DescribeMain {

    private DescribeMain() {
    }

    public static void main(String[] args) {
        System.out.print(Backends.describe());
        try (Backend b = Backends.create(BackendConfig.defaults())) {
            System.out.println("started: " + b.name() + " — " + b.description());
        }
    }
}
