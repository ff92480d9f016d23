package rnnsuite.model.fast;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A fingerprint of how this process computes, to the last bit: the same fixed inputs through OpenBLAS's sgemm
 * (whose kernel OpenBLAS picks when it loads, from the CPU or from {@code OPENBLAS_CORETYPE}) and through
 * libnd4j's transforms and reductions (the natives build). Two processes with equal fingerprints train a run to
 * the same numbers; with different ones they do not (a Spark executor whose OpenBLAS took another kernel than
 * the driver's turned 6 of 8 runs of a study into other numbers). A few milliseconds.
 *
 * @param build    the libnd4j build that loaded (avx512, avx2, generic)
 * @param blas     hash of an sgemm's output
 * @param nd4j     hash of libnd4j's exp, tanh, sigmoid, softmax and whole-array sums (split over libnd4j's pool)
 * @param training hash of a tiny DL4J network's parameters after two Adam steps (stock LSTM, softmax, cross-entropy)
 */
public record Numerics(String build, String blas, String nd4j, String training) {

    private static Numerics measured;

    /**
     * This process's fingerprint, measured once (it cannot change while the process lives) on a thread of its own:
     * ND4J's random generator is per thread, and a run's dropout draws from its thread's.
     */
    public static synchronized Numerics fingerprint() {
        if (measured == null) {
            Numerics[] result = new Numerics[1];
            RuntimeException[] failure = new RuntimeException[1];
            Thread t = new Thread(() -> {
                try {
                    result[0] = measure();
                } catch (RuntimeException e) {
                    failure[0] = e;
                }
            }, "rnnsuite-numerics");
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while measuring the numerics fingerprint", e);
            }
            if (failure[0] != null) {
                throw failure[0];
            }
            measured = result[0];
        }
        return measured;
    }

    private static Numerics measure() {
        SplittableRandom random = new SplittableRandom(20261130);
        // odd sizes and k past one block: kernels differ in tile shapes, edges and accumulation order
        int m = 37;
        int n = 45;
        int k = 301;
        INDArray a = Nd4j.create(values(random, m * k), new long[] {m, k}, 'f');
        INDArray b = Nd4j.create(values(random, k * n), new long[] {k, n}, 'f');
        INDArray c = Nd4j.create(new float[m * n], new long[] {m, n}, 'f');
        Blas.gemm(false, false, m, n, k, 1f, Blas.pointer(a), 0, m, Blas.pointer(b), 0, k, 0f, Blas.pointer(c), 0, m);
        INDArray x = Nd4j.create(values(random, 4099), new long[] {1, 4099}, 'c').muli(8);
        INDArray nd = Nd4j.concat(1, Transforms.exp(x, true), Transforms.tanh(x, true), Transforms.sigmoid(x, true),
                Transforms.softmax(x, true), x.sum(true, 1), x.mul(x).sum(true, 1));
        return new Numerics(rnnsuite.runtime.Natives.build(), hash(c), hash(nd), hash(trainedParameters(random)));
    }

    /** A stock LSTM under a per-step softmax, two Adam steps on fixed data: DL4J's own ops, as a run uses them. */
    private static INDArray trainedParameters(SplittableRandom random) {
        int batch = 11;
        int inputs = 6;
        int steps = 13;
        int classes = 3;
        var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(7)
                .updater(new org.nd4j.linalg.learning.config.Adam(1e-2)).list()
                .layer(new org.deeplearning4j.nn.conf.layers.LSTM.Builder().nIn(inputs).nOut(9)
                        .activation(org.nd4j.linalg.activations.Activation.TANH).build())
                .layer(new org.deeplearning4j.nn.conf.layers.RnnOutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).nIn(9).nOut(classes)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .build();
        var net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(conf);
        net.init();
        INDArray x = Nd4j.create(values(random, batch * inputs * steps), new long[] {batch, inputs, steps}, 'c');
        INDArray y = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, batch, classes, steps);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                y.putScalar(new int[] {b, random.nextInt(classes), t}, 1f);
            }
        }
        for (int i = 0; i < 2; i++) {
            net.fit(x, y);
        }
        return net.params();
    }

    private static float[] values(SplittableRandom random, int count) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }

    private static String hash(INDArray array) {
        float[] v = array.dup('c').data().asFloat();
        ByteBuffer bytes = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            bytes.putFloat(f);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array())).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "avx512, blas 1a2b3c4d5e6f, nd4j 0f9e8d7c6b5a, training 5e6f7a8b9c0d". */
    @Override
    public String toString() {
        return build + ", blas " + blas + ", nd4j " + nd4j + ", training " + training;
    }
}
