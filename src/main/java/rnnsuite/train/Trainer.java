package rnnsuite.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import rnnsuite.data.PreparedData;
import rnnsuite.data.ShuffledBatches;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Fits a network epoch by epoch with validation after each (Keras' {@code fit(validation_data=...)}),
 * then evaluates it once on the test split. Timing covers the training steps only. A hyperparameter
 * search's candidates train {@link #validationOnly()}: the test split is never touched.
 */
public final class Trainer {

    private final TrainSpec spec;
    private final TrainingProgress progress;
    private final Checkpoints checkpoints;
    private final boolean readsTest;

    /** @param checkpoints where to save per-epoch and best models, or null for none */
    public Trainer(TrainSpec spec, TrainingProgress progress, Checkpoints checkpoints) {
        this(spec, progress, checkpoints, true);
    }

    private Trainer(TrainSpec spec, TrainingProgress progress, Checkpoints checkpoints, boolean readsTest) {
        this.spec = spec;
        this.progress = progress;
        this.checkpoints = checkpoints;
        this.readsTest = readsTest;
    }

    /**
     * The same trainer for a search candidate: no test evaluation and no gradient probe (it looks at a
     * test batch); the outcome's test metrics are null.
     */
    public Trainer validationOnly() {
        return new Trainer(spec, progress, checkpoints, false);
    }

    /**
     * @param seed orders the training batches of every epoch (weights and dropout take theirs from the configuration)
     */
    public TrainingOutcome run(MultiLayerConfiguration conf, PreparedData data, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return run(net, data, seed);
    }

    public TrainingOutcome run(MultiLayerNetwork net, PreparedData data, long seed) {
        return run(net, data, seed, null);
    }

    /**
     * Goes on training a network restored from a checkpoint of an earlier run of the same settings
     * (with its updater state), from the epoch after {@code earlier}'s last to {@code epochs}. The batch
     * order picks up where it would have been; dropout masks are drawn afresh.
     *
     * @param earlier the outcome of the run the checkpoint came from, or null to train from the start
     */
    public TrainingOutcome run(MultiLayerNetwork net, PreparedData data, long seed, TrainingOutcome earlier) {
        int batches = data.train().numBatches(spec.batchSize());
        ShuffledBatches trainBatches = data.train().batches(spec.batchSize(), new Random(seed));
        List<EpochResult> epochs = new ArrayList<>(earlier == null ? List.of() : earlier.epochs());
        for (int i = 0; i < epochs.size(); i++) {
            trainBatches.reset(); // the order each finished epoch drew
        }
        // The gradient probe looks at one fixed test batch, before and after training (vector input only).
        DataSet probeBatch = data.tokens() || !readsTest ? null : data.test().batches(spec.batchSize(), null).next();
        if (probeBatch != null && probeBatch.getFeatures().rank() != 3) {
            probeBatch = null; // not sequences (the bag-of-words baseline)
        }
        double[] probeBefore = probeBatch == null ? null : GradientProbe.inputGradientNorms(net, probeBatch);
        LossTracker tracker = new LossTracker();
        net.setListeners(tracker);

        double trainSeconds = earlier == null ? 0 : earlier.trainSeconds();
        for (int epoch = epochs.size() + 1; epoch <= spec.epochs(); epoch++) {
            progress.epochStarted(epoch, spec.epochs(), batches);
            tracker.start(epoch, batches, trainBatches);
            long start = System.nanoTime();
            net.fit(trainBatches);
            double seconds = (System.nanoTime() - start) / 1e9;
            trainSeconds += seconds;

            TestMetrics validation = Evaluator.evaluate(net, data.validation(), data, spec.batchSize());
            EpochResult result = new EpochResult(epoch, tracker.meanLoss(), validation.loss(), validation.accuracy(), seconds,
                    tracker.meanGradNorm(), tracker.maxGradNorm, validation.extra());
            epochs.add(result);
            if (checkpoints != null) {
                checkpoints.epochDone(net, result);
            }
            progress.epochDone(result, spec.epochs());
        }
        net.setListeners();
        TestMetrics test = readsTest ? Evaluator.evaluate(net, data.test(), data, spec.batchSize()) : null;
        double samplesPerSecond = (double) data.train().size() * spec.epochs() / trainSeconds;
        double[] probeAfter = probeBatch == null ? null : GradientProbe.inputGradientNorms(net, probeBatch);
        return new TrainingOutcome(net.numParams(), List.copyOf(epochs), test, trainSeconds, samplesPerSecond,
                probeBefore, probeAfter);
    }

    /**
     * Averages the optimiser's mini-batch losses over an epoch, weighted by batch size (a per-example
     * mean, as Keras reports it; per real step when the network answers at every step, as validation does), forwards each to the progress callback, and records the L2 norm of
     * each step's whole gradient before the updater (and any clipping) touches it.
     */
    private final class LossTracker extends BaseTrainingListener {
        private int epoch;
        private int batches;
        private ShuffledBatches source;
        private int seen;
        private long examples;
        private double sum;
        private double gradNormSum;
        private int gradNorms;
        private double maxGradNorm;

        void start(int epoch, int batches, ShuffledBatches source) {
            this.epoch = epoch;
            this.source = source;
            this.batches = batches;
            this.seen = 0;
            this.examples = 0;
            this.sum = 0;
            this.gradNormSum = 0;
            this.gradNorms = 0;
            this.maxGradNorm = 0;
        }

        double meanLoss() {
            return examples == 0 ? Double.NaN : sum / examples;
        }

        double meanGradNorm() {
            return gradNorms == 0 ? Double.NaN : gradNormSum / gradNorms;
        }

        @Override
        public void onGradientCalculation(Model model) {
            double norm = model.gradient().gradient().norm2Number().doubleValue();
            gradNormSum += norm;
            gradNorms++;
            maxGradNorm = Math.max(maxGradNorm, norm);
        }

        @Override
        public void iterationDone(Model model, int iteration, int epochCount) {
            double loss = model.score();
            int size = model.batchSize();
            long units = source.lastUnits();
            sum += loss * size;
            examples += units;
            seen++;
            progress.batchDone(epoch, seen, batches, loss * size / units);
        }
    }
}
