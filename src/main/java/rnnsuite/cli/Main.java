package rnnsuite.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import rnnsuite.experiments.Plan;
import rnnsuite.experiments.PlanRunner;

/**
 * The command line: {@code run <plan>} runs a plan file; no arguments runs {@code experiments/default.yaml}.
 * Bad input (missing file, invalid plan, unknown variant or dataset) prints one line naming the problem
 * and exits with status 2; nothing is written.
 */
@Command(name = "rnn-suite", mixinStandardHelpOptions = true,
        description = "SimpleRnn vs LSTM vs peephole LSTM on sequence classification, measured with DL4J.",
        subcommands = {Main.Run.class})
public final class Main implements Callable<Integer> {

    public static final int EXIT_BAD_INPUT = 2;

    @Override
    public Integer call() {
        return new Run().call();
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run a plan: every variant × seed, then write CSVs and report.html.")
    static final class Run implements Callable<Integer> {

        @Parameters(index = "0", arity = "0..1", paramLabel = "PLAN", description = "plan file (default: ${DEFAULT-VALUE})")
        Path plan = Plan.DEFAULT;

        @Option(names = "--results", paramLabel = "DIR", description = "results root; the plan writes to DIR/<plan name>/ (default: ${DEFAULT-VALUE})")
        Path results = Path.of("results");

        @Override
        public Integer call() {
            Plan loaded = Plan.load(plan);
            new PlanRunner(results, System.out).run(loaded, "mvn -q exec:java -Dexec.args=\"run " + plan + "\"");
            return 0;
        }
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit status (for tests; {@link #main} exits with it). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof UncheckedIOException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return EXIT_BAD_INPUT;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
