package rnnsuite;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import rnnsuite.cli.Main;

/** The command line in the test's JVM, as a user types it, with what it printed. */
public final class TestCli {

    private TestCli() {
    }

    /** Runs {@code args} and returns the exit status, the standard output and the standard error, in that order. */
    public static String[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            status = Main.execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new String[] {String.valueOf(status), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }
}
