package rnnsuite.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.EvaluationAveraging;
import org.nd4j.evaluation.IEvaluation;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.evaluation.classification.ROCMultiClass;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import rnnsuite.data.Dataset;
import rnnsuite.data.PreparedData;
import rnnsuite.data.SequenceSplit;
import rnnsuite.data.ShuffledBatches;

/**
 * Scores a network on a split in one forward pass per batch: classification with DL4J's evaluation classes, the
 * per-step tasks over their real steps only (a mask's padding counts nowhere), in double precision in Java so the
 * numbers do not depend on libnd4j's threads.
 */
public final class Evaluator {

    /** Probabilities are clipped here before the log, as DL4J's MCXENT loss does. */
    private static final double LOG_CLIP = 1e-10;

    private Evaluator() {
    }

    /** Scores {@code net} on one of {@code data}'s splits (or a view of them: word vectors, TF-IDF), as the data's task asks. */
    public static TestMetrics evaluate(MultiLayerNetwork net, SequenceSplit split, PreparedData data, int batchSize) {
        // Inference: dropout off, the batch's masks applied.
        Function<DataSet, INDArray> predict = batch -> net.output(batch.getFeatures(), false, batch.getFeaturesMaskArray(),
                batch.getLabelsMaskArray());
        return switch (data.task()) {
            case CLASSIFICATION -> classification(predict, split, data.classes(), batchSize);
            case REGRESSION -> regression(predict, split, batchSize);
            case STEP_CLASSES, STEP_LABELS -> steps(predict, split, data, batchSize);
        };
    }

    /**
     * A per-step task's metrics from any predictor: per step either the probabilities of classes (softmax), or of
     * independent labels (sigmoids). Loss: the cross-entropy per real step, or the binary cross-entropy summed over
     * the labels per real step (JSB's NLL per frame); accuracy: the share of real steps whose most probable class is
     * the target (classes only); the dataset's metrics follow from the loss.
     */
    public static TestMetrics steps(Function<DataSet, INDArray> predict, SequenceSplit split, PreparedData data, int batchSize) {
        boolean classes = data.task() == Dataset.Task.STEP_CLASSES;
        double loss = 0;
        long steps = 0;
        long correct = 0;
        ShuffledBatches batches = split.batches(batchSize, null);
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            INDArray labels = batch.getLabels();
            int n = (int) labels.size(0);
            int width = (int) labels.size(1);
            int length = (int) labels.size(2);
            float[] p = predict.apply(batch).castTo(DataType.FLOAT).dup('c').data().asFloat();
            float[] y = labels.castTo(DataType.FLOAT).dup('c').data().asFloat();
            INDArray maskArray = batch.getLabelsMaskArray();
            float[] mask = maskArray == null ? null : maskArray.castTo(DataType.FLOAT).dup('c').data().asFloat();
            for (int b = 0; b < n; b++) {
                for (int t = 0; t < length; t++) {
                    if (mask != null && mask[b * length + t] == 0) {
                        continue;
                    }
                    steps++;
                    int best = 0;
                    int target = -1;
                    for (int c = 0; c < width; c++) {
                        int at = (b * width + c) * length + t;
                        if (classes) {
                            if (y[at] > 0) {
                                loss -= Math.log(Math.max(p[at], LOG_CLIP));
                                target = c;
                            }
                            if (p[at] > p[(b * width + best) * length + t]) {
                                best = c;
                            }
                        } else {
                            double q = Math.min(Math.max(p[at], LOG_CLIP), 1 - LOG_CLIP);
                            loss -= y[at] > 0 ? Math.log(q) : Math.log(1 - q);
                        }
                    }
                    correct += classes && best == target ? 1 : 0;
                }
            }
        }
        double perStep = steps == 0 ? Double.NaN : loss / steps;
        Map<String, Double> extra = new LinkedHashMap<>();
        data.spec().kind().ownMetrics().forEach(m -> extra.put(m.name(), m.fromLoss().applyAsDouble(perStep)));
        double nan = Double.NaN;
        return new TestMetrics(perStep, classes && steps > 0 ? correct / (double) steps : nan, nan, nan, nan, nan, List.of(),
                new long[0][0], extra);
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
