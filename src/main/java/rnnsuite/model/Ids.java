package rnnsuite.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Looks up an enum constant by the lower-case name plans, CSVs and the command line use. */
final class Ids {

    private Ids() {
    }

    static <E extends Enum<E>> E parse(E[] values, Function<E, String> id, String name, String what) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (E value : values) {
            if (id.apply(value).equals(key)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "': choose one of "
                + Arrays.stream(values).map(id).collect(Collectors.joining(", ")));
    }
}
