package dev.backprop.nn;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Case-insensitive lookup of a built-in by name, with an error that lists the names there are. */
final class BuiltinNames {

    private BuiltinNames() {
    }

    static <T> T lookup(String kind, String name, List<? extends T> all, Function<T, String> nameOf, String aliasNote) {
        Objects.requireNonNull(name, "name");
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (T t : all) {
            if (nameOf.apply(t).equals(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown " + kind + " '" + name + "'; built-ins are: "
                + String.join(", ", names(all, nameOf)) + aliasNote);
    }

    static <T> List<String> names(List<? extends T> all, Function<T, String> nameOf) {
        return all.stream().map(nameOf).collect(Collectors.toList());
    }
}
