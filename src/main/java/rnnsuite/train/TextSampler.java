package rnnsuite.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import rnnsuite.data.CharCorpus;
import rnnsuite.data.Vocabulary;

/**
 * Text from a character model: after a prime, one character at a time, each drawn from the model's distribution of
 * the next one given the last {@code window} characters (the length it trained on), sharpened or flattened by a
 * temperature (p^(1/T), renormalised). The same model, prime, temperature and seed give the same text. The
 * padding and unseen ids are never drawn.
 */
public final class TextSampler {

    private TextSampler() {
    }

    public static String sample(MultiLayerNetwork net, Vocabulary vocabulary, int window, String prime, double temperature,
                                int length, long seed) {
        if (prime.isEmpty()) {
            throw new IllegalArgumentException("the prime is empty: give at least one character to start from (--prime)");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("the temperature must be a positive number, got " + temperature);
        }
        if (length < 0) {
            throw new IllegalArgumentException("the length must be 0 or more characters, got " + length);
        }
        List<Integer> ids = new ArrayList<>();
        for (int id : CharCorpus.ids(prime.codePoints().toArray(), vocabulary)) {
            ids.add(id);
        }
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int from = Math.max(0, ids.size() - window);
            int n = ids.size() - from;
            float[] x = new float[n];
            for (int t = 0; t < n; t++) {
                x[t] = ids.get(from + t);
            }
            INDArray p = net.output(Nd4j.create(x, new long[] {1, n}, 'c'), false);
            float[] last = p.get(NDArrayIndex.point(0), NDArrayIndex.all(),
                    NDArrayIndex.point(n - 1)).castTo(DataType.FLOAT).toFloatVector();
            int next = draw(last, temperature, random);
            ids.add(next);
            out.append(vocabulary.word(next));
        }
        return out.toString();
    }

    /** An id drawn from p^(1/T) (padding and unseen left out), by the cumulative sum in id order. */
    static int draw(float[] p, double temperature, Random random) {
        double[] w = new double[p.length];
        double total = 0;
        for (int c = Vocabulary.OOV + 1; c < p.length; c++) {
            w[c] = Math.pow(Math.max(p[c], 0), 1 / temperature);
            total += w[c];
        }
        if (!(total > 0)) {
            throw new IllegalStateException(String.format(Locale.ROOT, "the model gives every character probability 0 at "
                    + "temperature %.3g: raise the temperature", temperature));
        }
        double u = random.nextDouble() * total;
        int last = p.length - 1;
        for (int c = Vocabulary.OOV + 1; c < p.length; c++) {
            u -= w[c];
            if (u < 0) {
                return c;
            }
            if (w[c] > 0) {
                last = c;
            }
        }
        return last; // rounding left a sliver: the last possible character
    }
}
