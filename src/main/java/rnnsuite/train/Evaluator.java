package rnnsuite.train;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.EvaluationAveraging;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.evaluation.classification.ROCMultiClass;
import org.nd4j.evaluation.IEvaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.ops.transforms.Transforms;
import rnnsuite.data.EncodedSplit;
import rnnsuite.data.SequenceBatchIterator;

/** Scores a network on a split with DL4J's evaluation classes, in one forward pass per batch. */
public final class Evaluator {

    /** Probabilities are clipped here before the log, as DL4J's MCXENT loss does. */
    private static final double LOG_CLIP = 1e-10;

    private Evaluator() {
    }

    public static TestMetrics evaluate(MultiLayerNetwork net, EncodedSplit split, List<String> classes, int batchSize) {
        boolean binary = classes.size() == 2;
        Evaluation eval = binary ? new Evaluation(classes.size(), 1) : new Evaluation(classes.size());
        IEvaluation<?> roc = binary ? new ROC(0) : new ROCMultiClass(0);
        double lossSum = 0;
        SequenceBatchIterator batches = split.batches(batchSize, null);
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            INDArray probabilities = net.output(batch.getFeatures(), false, batch.getFeaturesMaskArray(), null);
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
}
