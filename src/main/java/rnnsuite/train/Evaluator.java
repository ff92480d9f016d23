package rnnsuite.train;

import java.util.List;
import java.util.function.Function;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.EvaluationAveraging;
import org.nd4j.evaluation.IEvaluation;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.evaluation.classification.ROCMultiClass;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import rnnsuite.data.SequenceSplit;
import rnnsuite.data.ShuffledBatches;

/** Scores a network on a split with DL4J's evaluation classes, in one forward pass per batch. */
public final class Evaluator {

    /** Probabilities are clipped here before the log, as DL4J's MCXENT loss does. */
    private static final double LOG_CLIP = 1e-10;

    private Evaluator() {
    }

    /** @param classes class labels, or empty for a regression task */
    public static TestMetrics evaluate(MultiLayerNetwork net, SequenceSplit split, List<String> classes, int batchSize) {
        // Inference: dropout off, the batch's feature mask applied.
        Function<DataSet, INDArray> predict = batch -> net.output(batch.getFeatures(), false, batch.getFeaturesMaskArray(), null);
        return classes.isEmpty() ? regression(predict, split, batchSize) : classification(predict, split, classes, batchSize);
    }

    /**
     * Metrics of a model that ignores its input and always predicts {@code probabilities}. Its AUC is 0.5
     * by definition (every score tied); DL4J's exact ROC breaks ties by example order instead, so it is set.
     */
    public static TestMetrics constant(SequenceSplit split, List<String> classes, double[] probabilities, int batchSize) {
        TestMetrics m = classification(batch -> {
            long n = batch.getLabels().size(0);
            return Nd4j.create(probabilities).reshape(1, probabilities.length).repeat(0, n).castTo(batch.getLabels().dataType());
        }, split, classes, batchSize);
        return new TestMetrics(m.loss(), m.accuracy(), m.precision(), m.recall(), m.f1(), 0.5, m.classes(), m.confusion());
    }

    private static TestMetrics classification(Function<DataSet, INDArray> predict, SequenceSplit split, List<String> classes,
                                              int batchSize) {
        boolean binary = classes.size() == 2;
        Evaluation eval = binary ? new Evaluation(classes.size(), 1) : new Evaluation(classes.size());
        IEvaluation<?> roc = binary ? new ROC(0) : new ROCMultiClass(0);
        double lossSum = 0;
        ShuffledBatches batches = split.batches(batchSize, null);
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            INDArray probabilities = predict.apply(batch);
            eval.eval(batch.getLabels(), probabilities);
            roc.eval(batch.getLabels(), probabilities);
            INDArray logP = Transforms.log(Transforms.max(probabilities, LOG_CLIP, true), false);
            lossSum -= logP.muli(batch.getLabels()).sumNumber().doubleValue();
        }
        int n = classes.size();
        long[][] confusion = new long[n][n];
        for (int actual = 0; actual < n; actual++) {
            for (int predicted = 0; predicted < n; predicted++) {
                confusion[actual][predicted] = eval.getConfusionMatrix().getCount(actual, predicted);
            }
        }
        EvaluationAveraging macro = EvaluationAveraging.Macro;
        return new TestMetrics(
                lossSum / split.size(),
                eval.accuracy(),
                binary ? eval.precision(1) : eval.precision(macro),
                binary ? eval.recall(1) : eval.recall(macro),
                binary ? eval.f1(1) : eval.f1(macro),
                binary ? ((ROC) roc).calculateAUC() : ((ROCMultiClass) roc).calculateAverageAUC(),
                List.copyOf(classes),
                confusion);
    }

    /** Mean squared error over examples (and outputs, for several target values). */
    private static TestMetrics regression(Function<DataSet, INDArray> predict, SequenceSplit split, int batchSize) {
        double sum = 0;
        long count = 0;
        ShuffledBatches batches = split.batches(batchSize, null);
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            INDArray predicted = predict.apply(batch);
            INDArray error = predicted.sub(batch.getLabels());
            sum += error.muli(error).sumNumber().doubleValue();
            count += batch.getLabels().length();
        }
        double nan = Double.NaN;
        return new TestMetrics(sum / count, nan, nan, nan, nan, nan, List.of(), new long[0][0]);
    }
}
