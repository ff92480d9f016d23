package rnnsuite.experiments;

import java.util.Optional;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import rnnsuite.data.PreparedData;
import rnnsuite.data.WordVectorInput;
import rnnsuite.model.Input;
import rnnsuite.model.ModelFactory;
import rnnsuite.model.Output;
import rnnsuite.model.TextInput;
import rnnsuite.model.fast.FastRecurrent;
import rnnsuite.runtime.Natives;
import rnnsuite.train.Baselines;
import rnnsuite.train.RunRecord;
import rnnsuite.train.TextSampler;
import rnnsuite.train.Trainer;
import rnnsuite.train.TrainingOutcome;
import rnnsuite.train.TrainingProgress;
import rnnsuite.train.Trial;

/**
 * The experiment every variant runs, in four steps: data from the shared loader, the network from the
 * shared factory, training with per-epoch validation, evaluation on the test split. The engines run it for every
 * trial of a plan; the per-variant classes ({@code SimpleRnnExperiment}, {@code GruExperiment}, ...) run a plan for
 * one cell from an IDE through {@link ExperimentMain}.
 */
public final class VariantExperiment {

    private VariantExperiment() {
    }

    /**
     * One trial on already prepared data (so every variant of a plan shares split and vocabulary); its
     * settings, environment, checkpoints and result go to the run's directory in {@code store}. The fast layers
     * get the process's default threads.
     */
    public static RunRecord runTrial(Trial trial, PreparedData data, TrainingProgress progress, RunStore store) {
        return runTrial(trial, data, progress, store, Natives.threads());
    }

    /** The same with {@code threads} threads for the fast layers: the engine's share of the cores for this run. */
    public static RunRecord runTrial(Trial trial, PreparedData data, TrainingProgress progress, RunStore store, int threads) {
        if (trial.baseline() != null) {
            store.start(trial, null, data, threads);
            TrainingOutcome outcome = Baselines.train(trial.baseline(), data, trial.train(), trial.seed(), progress,
                    store.checkpoints(trial));
            RunRecord record = new RunRecord(trial, "baseline", Natives.describe(threads), outcome);
            store.complete(record);
            return record;
        }
        // --- data: word vectors in place of the embedding, when the arm asks for them
        data = inputFor(trial, data);
        // --- network: the shared factory; variants differ only in the recurrent cell
        MultiLayerConfiguration conf = configuration(trial, data);
        // A run stopped part way goes on from its last epoch's checkpoint; a promoted search candidate from the last
        // checkpoint of its shorter run (weights and updater).
        Optional<RunStore.Interrupted> interrupted = store.interrupted(trial);
        RunStore.Resume resume = interrupted.isPresent() ? null : store.resume(trial);
        MultiLayerNetwork net = interrupted.map(RunStore.Interrupted::network)
                .orElseGet(() -> resume != null ? resume.network() : ModelFactory.network(conf, trial.model(), trial.seed(), threads));
        FastRecurrent.useThreads(net, threads);
        if (interrupted.isPresent()) {
            store.proceed(trial, data, threads, interrupted.get().progress().epoch());
            progress.note(String.format(java.util.Locale.ROOT, "goes on after epoch %d, where an earlier attempt stopped",
                    interrupted.get().progress().epoch()));
        } else {
            store.start(trial, conf, data, threads);
        }
        // --- train with validation after every epoch (checkpoints as it goes), then evaluate once on the test split;
        //     a search candidate is judged on validation alone and never reads the test split
        Trainer trainer = new Trainer(trial.train(), progress, store.checkpoints(trial));
        if (trial.candidate() != null) {
            trainer = trainer.validationOnly();
        }
        TrainingOutcome outcome = interrupted.isPresent()
                ? trainer.resume(net, data, trial.seed(), interrupted.get().progress(), interrupted.get().best())
                : trainer.run(net, data, trial.seed(), resume != null ? resume.earlier() : null);
        if (trial.candidate() == null && trial.baseline() == null && trial.data().kind().samplesText()) {
            outcome = outcome.withSample(sample(net, data, trial.seed())); // a character model writes a few lines
        }
        // --- record what ran: result.json, then runs.csv and the report
        RunRecord record = new RunRecord(trial, trial.model().impl().effective().id(), Natives.describe(threads), outcome,
                trial.model().params() == null ? null : sized(trial, data).units());
        store.complete(record);
        return record;
    }

    /** A trial's model with its units, where a parameter budget fixes them, on its input data (see {@link #inputFor}). */
    static rnnsuite.model.ModelSpec sized(Trial trial, PreparedData input) {
        return trial.model().sized(trial.variant().cell(), input(input), output(input));
    }

    /** The data a trial's network reads: word vectors in place of the embedding when its arm asks for them. */
    static PreparedData inputFor(Trial trial, PreparedData data) {
        return trial.model().input() == TextInput.WORD2VEC
                ? WordVectorInput.apply(data, trial.model().word2vecPath(), trial.model().embeddingSize()) : data;
    }

    /** A trial's network configuration on its input data (see {@link #inputFor}), from the shared factory. */
    static MultiLayerConfiguration configuration(Trial trial, PreparedData input) {
        return ModelFactory.build(trial.variant(), trial.model(), input(input), output(input), trial.seed(), input.summary().maxLen());
    }

    /** The characters of a report's sample: from the first 40 of the test split, at temperature 0.8. */
    static final int SAMPLE_LENGTH = 300;
    static final double SAMPLE_TEMPERATURE = 0.8;

    /** A character model's text after the first characters of its test split: the same for every arm and seed. */
    static TrainingOutcome.Sample sample(MultiLayerNetwork net, PreparedData data, long seed) {
        String prime = Sampling.testPrime(data);
        String text = TextSampler.sample(net, data.vocabulary(), data.spec().maxLen(), prime, SAMPLE_TEMPERATURE, SAMPLE_LENGTH, seed);
        return new TrainingOutcome.Sample(prime, SAMPLE_TEMPERATURE, seed, text);
    }

    /** What the network reads: token ids through the embedding, or the dataset's feature vectors. */
    static Input input(PreparedData data) {
        return data.tokens() ? Input.tokens(data.vocabulary().size()) : Input.vectors(data.features());
    }

    /** What it predicts: a softmax over the classes or the regression target from the last step, or an output at every step. */
    static Output output(PreparedData data) {
        return switch (data.task()) {
            case CLASSIFICATION -> Output.classes(data.outputs());
            case REGRESSION -> Output.regression(data.outputs());
            case STEP_CLASSES -> new Output.StepClasses(data.outputs());
            case STEP_LABELS -> new Output.StepLabels(data.outputs());
        };
    }
}
