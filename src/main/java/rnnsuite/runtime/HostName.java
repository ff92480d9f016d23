package rnnsuite.runtime;

import java.io.IOException;
import java.net.InetAddress;

/** This machine's name, for run records, lock files and messages that say where something ran. */
public final class HostName {

    private HostName() {
    }

    /** The local host's name, or {@code fallback} when it cannot be resolved. */
    public static String of(String fallback) {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return fallback;
        }
    }
}
