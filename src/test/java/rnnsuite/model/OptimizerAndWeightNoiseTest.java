package rnnsuite.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.distribution.Distributions;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Chung et al. 2014's training recipe in the suite's stack: RMSProp as PyTorch defaults it, and weight noise whose
 * step takes the gradient at the noisy weights and applies it to the noiseless ones.
 */
class OptimizerAndWeightNoiseTest {

    private static final double SIGMA = 0.3;

    private static ModelSpec spec(Impl impl, Optimizer optimizer, Double weightNoise) {
        return new ModelSpec(2, 6, 0.0, 1e-3, null, impl, null, null, null, null, null, null, null, optimizer, weightNoise);
    }

    private static MultiLayerNetwork network(Variant variant, ModelSpec spec) {
        return ModelFactory.network(ModelFactory.build(variant, spec, Input.vectors(4), Output.classes(3), 7, 5), spec, 7, 1);
    }

    /** Five sequences of five steps of four features, each labelled with one of three classes. */
    private static DataSet batch() {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 4, 5).subi(0.5);
        INDArray y = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 3);
        for (int i = 0; i < 5; i++) {
            y.putScalar(i, i % 3, 1);
        }
        return new DataSet(x, y);
    }

    static Stream<Arguments> cellsAndImpls() {
        return Stream.of(Variant.values()).flatMap(v -> Stream.of(Arguments.of(v, Impl.FAST), Arguments.of(v, Impl.STOCK)));
    }

    /**
     * One training step's loss and gradient under weight noise equal a noiseless network's at the weights plus the same
     * draws: noise on every weight matrix (the recurrent layers' W and RW, the softmax's W), none on the biases, one draw
     * serving the forward and the backward pass, fresh for each step (the step checked comes after one fitted step). The
     * draws are made again from the same generator state, in the order the layers read their weights.
     */
    @ParameterizedTest
    @MethodSource("cellsAndImpls")
    void aNoisyStepHasTheGradientOfTheNoisyWeights(Variant variant, Impl impl) {
        DataSet data = batch();
        MultiLayerNetwork noisy = network(variant, spec(impl, null, SIGMA));
        noisy.fit(data); // a step before: its draws must not serve the next one
        Nd4j.getRandom().setSeed(11);
        noisy.setInput(data.getFeatures());
        noisy.setLabels(data.getLabels());
        noisy.computeGradientAndScore();
        INDArray noisyGradient = noisy.gradient().gradient().dup();
        double noisyScore = noisy.score();

        MultiLayerNetwork clean = network(variant, spec(impl, null, null));
        clean.setParams(noisy.params());
        Nd4j.getRandom().setSeed(11);
        var normal = Distributions.createDistribution(new NormalDistribution(0, SIGMA));
        double noiseSquares = 0;
        // DL4J's LSTMs (stock, and fast as they) read RW before W; the other cells and the softmax W first
        boolean recurrentFirst = variant == Variant.LSTM || variant == Variant.PEEPHOLE_LSTM;
        for (Layer layer : clean.getLayers()) {
            for (String key : recurrentFirst ? new String[] {"RW", "W"} : new String[] {"W", "RW"}) {
                if (layer.paramTable().containsKey(key)) {
                    INDArray p = layer.getParam(key);
                    INDArray draw = normal.sample(p.ulike());
                    noiseSquares += draw.norm2Number().doubleValue() * draw.norm2Number().doubleValue();
                    p.addi(draw);
                }
            }
        }
        assertTrue(noiseSquares > 0);
        clean.setInput(data.getFeatures());
        clean.setLabels(data.getLabels());
        clean.computeGradientAndScore();
        assertEquals(clean.score(), noisyScore, 1e-5 * Math.abs(noisyScore), "the loss at the noisy weights");
        assertArrayEquals(clean.gradient().gradient().toFloatVector(), noisyGradient.toFloatVector(), 2e-5f,
                "the gradient at the noisy weights");

        MultiLayerNetwork noiseless = network(variant, spec(impl, null, null));
        noiseless.setParams(noisy.params());
        noiseless.setInput(data.getFeatures());
        noiseless.setLabels(data.getLabels());
        noiseless.computeGradientAndScore();
        assertTrue(Math.abs(noiseless.score() - noisyScore) > 1e-4, "the noise changed the loss");
        assertArrayEquals(noiseless.output(data.getFeatures(), false).ravel().toFloatVector(),
                noisy.output(data.getFeatures(), false).ravel().toFloatVector(), 0f, "evaluation reads the noiseless weights");
    }

    /** A fitted step moves the noiseless weights, and the same seed and generator draw the same noise again. */
    @Test
    void trainingWithNoiseIsRepeatableAndDiffersFromTrainingWithout() {
        DataSet data = batch();
        INDArray[] after = new INDArray[3];
        for (int i = 0; i < 3; i++) {
            MultiLayerNetwork net = network(Variant.GRU, spec(Impl.FAST, null, i < 2 ? SIGMA : null));
            Nd4j.getRandom().setSeed(3);
            for (int step = 0; step < 3; step++) {
                net.fit(data);
            }
            after[i] = net.params();
        }
        assertEquals(after[0], after[1], "the same draws");
        assertFalse(after[0].equalsWithEps(after[2], 1e-6), "noise changes the path");
    }

    /**
     * RMSProp's first step: the squared-gradient average decays by 0.99 (PyTorch's default; DL4J's own is 0.95), so from
     * DL4J's start at ε the step is lr · g / (√(0.99 ε + 0.01 g²) + ε), about 10 · lr · sign(g) (Adam's is lr · sign(g)),
     * g the gradient over the batch's mean loss; checked on every parameter (ε dominates the smallest gradients).
     */
    @Test
    void rmspropTakesPyTorchsStep() {
        DataSet data = batch();
        double lr = 1e-3;
        double eps = 1e-8;
        MultiLayerNetwork net = network(Variant.LSTM, spec(Impl.FAST, Optimizer.RMSPROP, null));
        INDArray before = net.params().dup();
        net.setInput(data.getFeatures());
        net.setLabels(data.getLabels());
        net.computeGradientAndScore();
        double[] g = net.gradient().gradient().div(data.numExamples()).toDoubleVector();
        net.fit(data);
        float[] step = before.sub(net.params()).toFloatVector();
        int large = 0;
        for (int i = 0; i < g.length; i++) {
            double expected = lr * g[i] / (Math.sqrt(0.99 * eps + 0.01 * g[i] * g[i]) + eps);
            assertEquals(expected, step[i], 1e-3 * Math.abs(expected) + 1e-7, "parameter " + i); // + the parameters' float rounding
            large += Math.abs(expected) > 9 * lr ? 1 : 0;
        }
        assertTrue(large >= 50, large + " of " + g.length + " steps near 10 lr, where decay 0.95 would give 4.5 lr");
    }
}
