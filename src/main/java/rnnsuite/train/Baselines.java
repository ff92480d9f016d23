package rnnsuite.train;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import rnnsuite.data.BagOfWords;
import rnnsuite.data.FrameSplit;
import rnnsuite.data.PianoRoll;
import rnnsuite.data.PreparedData;
import rnnsuite.data.SequenceTasks;
import rnnsuite.data.StepSplit;
import rnnsuite.data.TokenSplit;
import rnnsuite.model.Baseline;

/**
 * The baselines a text report measures next to the recurrent stack, on the same split: the majority
 * class, and logistic regression on TF-IDF bag-of-words features (a single softmax layer, trained with
 * the plan's batch size and epochs, validation after every epoch, Adam at {@value #LOGREG_LEARNING_RATE}:
 * a convex model on unit-length features takes a larger step than the stack's 1e-3).
 */
public final class Baselines {

    public static final double LOGREG_LEARNING_RATE = 0.01;

    private Baselines() {
    }

    public static TrainingOutcome train(Baseline baseline, PreparedData data, TrainSpec spec, long seed,
                                        TrainingProgress progress, Checkpoints checkpoints) {
        List<Baseline> ones = Baseline.forDataset(data.spec().kind());
        if (!ones.contains(baseline)) {
            throw new IllegalArgumentException("the " + baseline.id() + " baseline is not one of " + data.spec().dataset()
                    + "'s: " + ones);
        }
        return switch (baseline) {
            case MAJORITY -> majority(data, spec.batchSize());
            case TFIDF_LOGREG -> {
                PreparedData bagOfWords = BagOfWords.tfidf(data);
                yield new Trainer(spec, progress, checkpoints).run(tfidfConfiguration(bagOfWords, seed), bagOfWords, seed);
            }
            case MEMORYLESS, NOTE_FREQUENCY, NGRAM -> new TrainingOutcome(0, List.of(), stepBaseline(baseline, data, spec.batchSize()), 0,
                    Double.NaN, null, null);
        };
    }

    /**
     * The per-step baselines' test metrics, scored as the networks are ({@link Evaluator#steps}, the run's batch
     * size: each batch is padded to its longest sequence): no model file, the predictions follow from the training
     * split (note frequencies, n-gram counts) or from the task (copy memory).
     */
    static TestMetrics stepBaseline(Baseline baseline, PreparedData data, int batchSize) {
        Function<DataSet, INDArray> predict = switch (baseline) {
            case MEMORYLESS -> batch -> memoryless(batch.getLabels().shape());
            case NOTE_FREQUENCY -> {
                double[] p = PianoRoll.noteFrequencies((FrameSplit) data.train());
                yield batch -> constantFrames(p, batch.getLabels().shape());
            }
            case NGRAM -> {
                StepSplit train = (StepSplit) data.train();
                NgramModel model = new NgramModel(data.outputs(), train.x(), train.y());
                yield batch -> ngram(model, batch.getFeatures(), data.outputs());
            }
            default -> throw new IllegalArgumentException(baseline + " is not a per-step baseline");
        };
        return Evaluator.steps(predict, data.test(), data, batchSize);
    }

    /** Copy memory: a blank for certain at every step but the last 10, there any of the 8 symbols alike. */
    private static INDArray memoryless(long[] shape) {
        int n = (int) shape[0];
        int classes = (int) shape[1];
        int steps = (int) shape[2];
        float[] p = new float[n * classes * steps];
        for (int b = 0; b < n; b++) {
            for (int t = 0; t < steps; t++) {
                boolean recall = t >= steps - SequenceTasks.MEMORY;
                for (int c = 0; c < classes; c++) {
                    p[(b * classes + c) * steps + t] = recall ? (c >= 1 && c <= 8 ? 1f / 8 : 0f) : (c == 0 ? 1f : 0f);
                }
            }
        }
        return Nd4j.create(p, shape, 'c');
    }

    /** The same probability of each label at every step. */
    private static INDArray constantFrames(double[] perLabel, long[] shape) {
        int n = (int) shape[0];
        int width = (int) shape[1];
        int steps = (int) shape[2];
        float[] p = new float[n * width * steps];
        for (int b = 0; b < n; b++) {
            for (int d = 0; d < width; d++) {
                Arrays.fill(p, (b * width + d) * steps, (b * width + d + 1) * steps, (float) perLabel[d]);
            }
        }
        return Nd4j.create(p, shape, 'c');
    }

    /** The n-gram model's distribution of each next character of a batch of windows ([batch, steps] ids). */
    private static INDArray ngram(NgramModel model, INDArray ids, int classes) {
        int n = (int) ids.size(0);
        int steps = (int) ids.size(1);
        float[] flat = ids.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] p = new float[n * classes * steps];
        for (int b = 0; b < n; b++) {
            int[] window = new int[steps];
            for (int t = 0; t < steps; t++) {
                window[t] = (int) flat[b * steps + t];
            }
            for (int t = 0; t < steps; t++) {
                double[] q = model.distribution(window, t);
                for (int c = 0; c < classes; c++) {
                    p[(b * classes + c) * steps + t] = (float) q[c];
                }
            }
        }
        return Nd4j.create(p, new long[] {n, classes, steps}, 'c');
    }

    /**
     * A finished baseline scored again on its run's test split: the TF-IDF model reloaded from its checkpoint (on
     * the same features, rebuilt from the data), the majority class recomputed from the training split (it has no
     * model to save).
     *
     * @param model the TF-IDF run's network, or null for the majority baseline
     */
    public static TestMetrics rescore(Baseline baseline, PreparedData data, MultiLayerNetwork model,
                                      int batchSize) {
        return switch (baseline) {
            case MAJORITY -> majority(data, batchSize).test();
            case TFIDF_LOGREG -> Evaluator.evaluate(model, BagOfWords.tfidf(data).test(), data, batchSize);
            case MEMORYLESS, NOTE_FREQUENCY, NGRAM -> stepBaseline(baseline, data, batchSize);
        };
    }

    /** Softmax regression over the TF-IDF features. */
    static MultiLayerConfiguration tfidfConfiguration(PreparedData bagOfWords, long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(LOGREG_LEARNING_RATE)).weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(bagOfWords.features()).nOut(bagOfWords.numClasses())
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    /** Always the training split's most frequent class (its class priors as probabilities): nothing to train. */
    static TrainingOutcome majority(PreparedData data, int batchSize) {
        int[] counts = new int[data.numClasses()];
        for (int label : ((TokenSplit) data.train()).labels()) {
            counts[label]++;
        }
        // The class priors: the majority class wins every argmax, and the log-loss stays finite.
        int total = Arrays.stream(counts).sum();
        double[] probabilities = Arrays.stream(counts).mapToDouble(c -> c / (double) total).toArray();
        TestMetrics test = Evaluator.constant(data.test(), data.classes(), probabilities, batchSize);
        return new TrainingOutcome(0, List.of(), test, 0, Double.NaN, null, null);
    }
}
