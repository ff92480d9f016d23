package rnnsuite.experiments;

/** The engines a command line names: {@code local} or {@code spark}. */
public final class Engines {

    private Engines() {
    }

    /** The engine named on the command line: {@code local}, or {@code spark} with a master URL (or spark-submit's). */
    public static TrialEngine named(String name, String master) {
        return named(name, master, 1);
    }

    /** As {@link #named(String, String)}, the local engine with {@code parallel} runs at a time. */
    public static TrialEngine named(String name, String master, int parallel) {
        return switch (name) {
            case "local" -> {
                if (master != null) {
                    throw new IllegalArgumentException("--master is for --engine spark; the local engine runs in this process");
                }
                yield new LocalEngine(parallel);
            }
            case "spark" -> {
                SparkEngine.requireSpark();
                yield new SparkEngine(master);
            }
            default -> throw new IllegalArgumentException("unknown engine '" + name + "': use local or spark");
        };
    }
}
