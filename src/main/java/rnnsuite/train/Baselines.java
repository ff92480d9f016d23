package rnnsuite.train;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import rnnsuite.data.BagOfWords;
import rnnsuite.data.PreparedData;
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
        if (data.regression() || !data.tokens()) {
            throw new IllegalArgumentException("the " + baseline.id() + " baseline is for text classification datasets");
        }
        return switch (baseline) {
            case MAJORITY -> majority(data);
            case TFIDF_LOGREG -> {
                PreparedData bagOfWords = BagOfWords.tfidf(data);
                yield new Trainer(spec, progress, checkpoints).run(tfidfConfiguration(bagOfWords, seed), bagOfWords, seed);
            }
        };
    }

    /**
     * A finished baseline scored again on its run's test split: the TF-IDF model reloaded from its checkpoint (on
     * the same features, rebuilt from the data), the majority class recomputed from the training split (it has no
     * model to save).
     *
     * @param model the TF-IDF run's network, or null for the majority baseline
     */
    public static TestMetrics rescore(Baseline baseline, PreparedData data, org.deeplearning4j.nn.multilayer.MultiLayerNetwork model,
                                      int batchSize) {
        return switch (baseline) {
            case MAJORITY -> majority(data).test();
            case TFIDF_LOGREG -> Evaluator.evaluate(model, BagOfWords.tfidf(data).test(), data.classes(), batchSize);
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
    static TrainingOutcome majority(PreparedData data) {
        int[] counts = new int[data.numClasses()];
        for (int label : ((TokenSplit) data.train()).labels()) {
            counts[label]++;
        }
        // The class priors: the majority class wins every argmax, and the log-loss stays finite.
        int total = Arrays.stream(counts).sum();
        double[] probabilities = Arrays.stream(counts).mapToDouble(c -> c / (double) total).toArray();
        TestMetrics test = Evaluator.constant(data.test(), data.classes(), probabilities, 256);
        return new TrainingOutcome(0, List.of(), test, 0, Double.NaN, null, null);
    }
}
