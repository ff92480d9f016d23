package rnnsuite.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import rnnsuite.data.Metric;
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
     * held-out batch); the outcome's test metrics are null.
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
        return train(net, data, seed, earlier, null, null);
    }

    /**
     * Goes on with a run of these settings that stopped after {@code progress}'s last epoch, from that epoch's
     * checkpoint ({@code net}, its updater included): the batch order, the dropout generator, the learning-rate
     * schedule, early stopping and the gradient probe before training are as they were, so the run ends with the
     * numbers it would have had without the interruption.
     *
     * @param best the parameters of the best epoch so far (best.zip) when that is not the last one taken, else null
     */
    public TrainingOutcome resume(MultiLayerNetwork net, PreparedData data, long seed, Checkpoints.Progress progress, INDArray best) {
        return train(net, data, seed, progress.outcome(), progress, best);
    }

    private TrainingOutcome train(MultiLayerNetwork net, PreparedData data, long seed, TrainingOutcome earlier,
                                  Checkpoints.Progress resumed, INDArray bestBefore) {
        int batches = data.train().numBatches(spec.batchSize());
        ShuffledBatches trainBatches = data.train().batches(spec.batchSize(), new Random(seed), spec.batchesByLength());
        List<EpochResult> epochs = new ArrayList<>(earlier == null ? List.of() : earlier.epochs());
        for (int i = 0; i < epochs.size(); i++) {
            trainBatches.reset(); // the order each finished epoch drew
        }
        // The gradient probe looks at one fixed validation batch, before and after training (vector input only): the
        // test split is read only once training has ended.
        DataSet probeBatch = data.tokens() || !readsTest ? null : data.validation().batches(spec.batchSize(), null).next();
        if (probeBatch != null && probeBatch.getFeatures().rank() != 3) {
            probeBatch = null; // not sequences (the bag-of-words baseline)
        }
        double[] probeBefore = resumed != null ? resumed.gradientsUntrained()
                : probeBatch == null ? null : GradientProbe.inputGradientNorms(net, probeBatch);
        LossTracker tracker = new LossTracker();
        net.setListeners(tracker);

        // Validation alone decides: the best epoch, when to stop, when to cut the learning rate. DL4J's own
        // EarlyStoppingTrainer runs its own loop (no checkpoints or resume of ours, no per-step losses), so its
        // termination condition is used here on our loop's scores; the best model is kept in memory and in best.zip.
        Metric by = selectionMetric(data.spec().kind());
        Selection selection = new Selection(by, spec);
        epochs.forEach(selection::replay); // a continued run picks up its stopping and schedule state from its epochs
        selection.attach(baseLearningRate(net));
        INDArray bestParams = null;
        if (resumed != null && readsTest && selection.bestEpoch() > 0) {
            bestParams = selection.bestEpoch() == resumed.epoch() ? net.params().dup() : bestBefore;
        }
        double trainSeconds = earlier == null ? 0 : earlier.trainSeconds();
        selection.applyRate(net);
        org.nd4j.linalg.api.rng.Random generator = org.nd4j.linalg.factory.Nd4j.getRandom(); // this thread's: dropout draws from it
        if (resumed != null) {
            generator.setStates(resumed.rngRoot(), resumed.rngNode());
        }
        for (int epoch = epochs.size() + 1; epoch <= spec.epochs() && !selection.stopped(); epoch++) {
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
            boolean best = selection.replay(result);
            if (best && readsTest) {
                bestParams = net.params().dup();
            }
            if (checkpoints != null) {
                checkpoints.epochDone(net, new Checkpoints.Progress(epochs, trainSeconds, probeBefore, generator.rootState(),
                        generator.nodeState()), best);
            }
            progress.epochDone(result, spec.epochs());
            if (selection.stopped() && epoch < spec.epochs()) {
                progress.note(String.format(java.util.Locale.ROOT, "stopped early after epoch %d of %d: validation %s has "
                        + "not improved by more than %s since epoch %d", epoch, spec.epochs(), by.name(),
                        spec.earlyStopping().minDelta(), selection.stoppingBest()));
            }
            if (!selection.stopped() && selection.applyRate(net)) {
                progress.note(String.format(java.util.Locale.ROOT, "learning rate now %.3g (× %.3g)", selection.rate(),
                        selection.scale()));
            }
        }
        net.setListeners();
        TestMetrics last = readsTest ? Evaluator.evaluate(net, data.test(), data, spec.batchSize()) : null;
        TestMetrics bestTest = last;
        int lastEpoch = epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).epoch();
        if (readsTest && selection.bestEpoch() != lastEpoch) {
            if (bestParams == null) {
                bestTest = null; // best before this call (a continued run): its parameters were not kept here
            } else {
                MultiLayerNetwork bestNet = new MultiLayerNetwork(net.getLayerWiseConfigurations().clone());
                bestNet.init(bestParams, false); // the parameters alone: no copy of the updater's state
                bestTest = Evaluator.evaluate(bestNet, data.test(), data, spec.batchSize());
            }
        }
        TestMetrics test = spec.selectsBest() && bestTest != null ? bestTest : last;
        double samplesPerSecond = (double) data.train().size() * epochs.size() / trainSeconds;
        double[] probeAfter = probeBatch == null ? null : GradientProbe.inputGradientNorms(net, probeBatch);
        Integer bestEpoch = selection.bestEpoch() > 0 ? selection.bestEpoch() : null;
        return new TrainingOutcome(net.numParams(), List.copyOf(epochs), test, trainSeconds, samplesPerSecond,
                probeBefore, probeAfter, null, bestEpoch, readsTest ? last : null, readsTest ? bestTest : null);
    }

    /** The metric that picks the best epoch, stops early and cuts the rate: the task's own, where every epoch measures it. */
    public static Metric selectionMetric(rnnsuite.data.Dataset dataset) {
        Metric headline = dataset.headlineMetric();
        return headline.reading().perEpoch() ? headline : dataset.metric("loss");
    }

    /** The epoch best on validation by {@code by} (the first of equals), or 0 when none scored. */
    public static int bestEpoch(List<EpochResult> epochs, Metric by) {
        return replayed(epochs, by).bestEpoch();
    }

    /** The best validation value by {@code by} over these epochs, in its direction, or NaN when none scored. */
    public static double bestScore(List<EpochResult> epochs, Metric by) {
        return replayed(epochs, by).bestScore;
    }

    /** The selection rule taken over these epochs. */
    private static Selection replayed(List<EpochResult> epochs, Metric by) {
        Selection selection = new Selection(by, TrainSpec.defaults());
        epochs.forEach(selection::replay);
        return selection;
    }

    /** The rate the network trains at when it starts: the first layer's (the factory gives every layer the same). */
    private static double baseLearningRate(MultiLayerNetwork net) {
        for (int i = 0; i < net.getnLayers(); i++) {
            Double rate = net.getLearningRate(i);
            if (rate != null) {
                return rate;
            }
        }
        return Double.NaN;
    }

    /**
     * The state validation decides, epoch by epoch: the best epoch so far, whether to stop ({@link
     * ScoreImprovementEpochTerminationCondition}, DL4J's patience rule), and the learning rate's scale.
     */
    static final class Selection {
        private final Metric by;
        private final TrainSpec spec;
        private double baseRate = Double.NaN;
        private final ScoreImprovementEpochTerminationCondition stopping;
        private final List<Double> history = new ArrayList<>();
        private int bestEpoch;
        private double bestScore = Double.NaN;
        private boolean stopped;
        private double scale = 1;
        /** The scale in force during the last epoch taken: the rate a checkpoint of that epoch was saved with. */
        private double scaleDuring = 1;
        private double appliedScale = 1;
        /** Epochs since the last improvement or rate cut, for the plateau rule. */
        private int stale;
        private double plateauBest = Double.NaN;

        Selection(Metric by, TrainSpec spec) {
            this.by = by;
            this.spec = spec;
            this.stopping = spec.earlyStopping() == null ? null : new ScoreImprovementEpochTerminationCondition(
                    spec.earlyStopping().patience(), spec.earlyStopping().minDelta());
            if (stopping != null) {
                stopping.initialize();
            }
        }

        /** Takes one epoch's validation; true when it is the best so far. */
        boolean replay(EpochResult epoch) {
            double score = epoch.validation(by);
            boolean best = !Double.isNaN(score) && (Double.isNaN(bestScore) || better(score, bestScore));
            if (best) {
                bestScore = score;
                bestEpoch = epoch.epoch();
            }
            if (stopping != null && stopping.terminate(epoch.epoch(), Double.isNaN(score) ? worst() : score, !by.higherIsBetter())) {
                stopped = true;
            }
            if (spec.lrSchedule() != null) {
                scaleDuring = scale;
                scale *= cut(spec.lrSchedule(), epoch.epoch(), score);
            }
            history.add(score);
            return best;
        }

        private double worst() {
            return by.higherIsBetter() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }

        private boolean better(double a, double b) {
            return by.higherIsBetter() ? a > b : a < b;
        }

        /** The factor the rule multiplies the rate by after this epoch: the schedule's, or 1. */
        private double cut(TrainSpec.LrSchedule schedule, int epoch, double score) {
            if (schedule.rule().equals("tcn")) {
                // the TCN music trainer: after epoch 10, validation worse than the worst of the 3 epochs before
                if (epoch > 10 && history.size() >= 3) {
                    double worstRecent = history.subList(history.size() - 3, history.size()).stream()
                            .mapToDouble(Double::doubleValue).reduce(by.higherIsBetter() ? Double.POSITIVE_INFINITY
                                    : Double.NEGATIVE_INFINITY, (x, y) -> by.higherIsBetter() ? Math.min(x, y) : Math.max(x, y));
                    return better(worstRecent, score) ? schedule.factor() : 1;
                }
                return 1;
            }
            if (Double.isNaN(plateauBest) || (!Double.isNaN(score) && better(score, plateauBest))) {
                plateauBest = score;
                stale = 0;
                return 1;
            }
            if (++stale >= schedule.patience()) {
                stale = 0;
                return schedule.factor();
            }
            return 1;
        }

        /**
         * Takes the network's rate as it stands: a fresh network's is the base; one restored from the last taken
         * epoch's checkpoint carries the rate of that epoch, the base times the scale then in force.
         */
        void attach(double current) {
            baseRate = current / scaleDuring;
            appliedScale = scaleDuring;
        }

        /** Sets the network's rate to the schedule's; true when it changed. */
        boolean applyRate(MultiLayerNetwork net) {
            if (scale == appliedScale || Double.isNaN(baseRate)) {
                return false;
            }
            net.setLearningRate(baseRate * scale);
            appliedScale = scale;
            return true;
        }

        boolean stopped() {
            return stopped;
        }

        /** The rate the next epoch trains at. */
        double rate() {
            return baseRate * scale;
        }

        /** What the schedule has multiplied the starting rate by so far. */
        double scale() {
            return scale;
        }

        int bestEpoch() {
            return bestEpoch;
        }

        /** The epoch early stopping counts from: the last that improved by more than min_delta. */
        int stoppingBest() {
            return stopping == null ? bestEpoch : stopping.getBestEpoch();
        }
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
