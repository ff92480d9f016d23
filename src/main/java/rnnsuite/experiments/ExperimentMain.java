package rnnsuite.experiments;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import rnnsuite.model.Variant;
import rnnsuite.model.fast.FastRecurrent;

/**
 * What the per-variant experiment classes ({@code SimpleRnnExperiment}, {@code GruExperiment}, ...) run from an IDE:
 * the default plan (or the plan file given as the first argument) for their cell alone, results in
 * {@code results/<variant>/}. Each cell's class is named after it ({@code ind_rnn} → {@code IndRnnExperiment}).
 */
final class ExperimentMain {

    private ExperimentMain() {
    }

    static void run(Variant variant, String[] args) {
        if (!FastRecurrent.available()) {
            System.out.println(missingVectorModule());
        }
        Path planFile = args.length > 0 ? Path.of(args[0]) : Plan.DEFAULT;
        Plan plan = PlanReader.load(planFile).only(variant).withName(variant.id());
        new PlanRunner(Path.of("results"), System.out).run(plan,
                "mvn -q compile exec:java -Dexec.mainClass=" + mainClass(variant) + (args.length > 0 ? " -Dexec.args=" + args[0] : ""),
                new LocalEngine(CostEstimate.defaultParallel(plan)));
        System.exit(0); // ND4J's native threads would otherwise keep the JVM alive
    }

    /**
     * The one-line fix for a main started without the Vector API (an IDE's default run configuration): the
     * stock layers would run, several times slower.
     */
    static String missingVectorModule() {
        return "note: this JVM lacks --add-modules " + FastRecurrent.VECTOR_MODULE
                + ", so the slow stock layers run; add it to the VM options (the shared run configurations in .run/"
                + " (IntelliJ) and ide/eclipse/ (Eclipse) have it)";
    }

    /** The experiment main of a variant, by its name: {@code min_gru} → {@code rnnsuite.experiments.MinGruExperiment}. */
    static String mainClass(Variant variant) {
        return ExperimentMain.class.getPackageName() + "." + Arrays.stream(variant.id().split("_"))
                .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).collect(Collectors.joining()) + "Experiment";
    }
}
