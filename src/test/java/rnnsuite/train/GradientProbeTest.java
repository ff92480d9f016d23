package rnnsuite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The probe's per-step norms against central finite differences of the loss, in double precision. */
class GradientProbeTest {

    @Test
    void normsMatchFiniteDifferences() {
        int batch = 3;
        int features = 2;
        int steps = 6;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).list()
                .layer(new LastTimeStep(new SimpleRnn.Builder().nIn(features).nOut(5).activation(Activation.TANH).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(5).nOut(1).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, batch, features, steps).subi(0.5);
        INDArray y = Nd4j.rand(DataType.DOUBLE, batch, 1);
        DataSet ds = new DataSet(x, y);

        double[] norms = GradientProbe.inputGradientNorms(net, ds);
        assertEquals(steps, norms.length);

        double h = 1e-6;
        for (int t : new int[] {0, 2, steps - 1}) {
            double sum = 0;
            for (int b = 0; b < batch; b++) {
                double squared = 0;
                for (int d = 0; d < features; d++) {
                    double original = x.getDouble(b, d, t);
                    x.putScalar(new long[] {b, d, t}, original + h);
                    double up = loss(net, x, y);
                    x.putScalar(new long[] {b, d, t}, original - h);
                    double down = loss(net, x, y);
                    x.putScalar(new long[] {b, d, t}, original);
                    double g = (up - down) / (2 * h);
                    squared += g * g;
                }
                sum += Math.sqrt(squared);
            }
            double numeric = sum / batch;
            assertEquals(numeric, norms[t], 1e-6 * Math.max(1, numeric), "step " + t);
        }
        assertTrue(norms[steps - 1] > 0);
    }

    /**
     * The sum of the examples' losses (DL4J's score is their mean): perturbing example b's input changes
     * only its own loss, so this difference quotient is ∂L_b/∂x_b, the per-example gradient the probe reports.
     */
    private static double loss(MultiLayerNetwork net, INDArray x, INDArray y) {
        return net.score(new DataSet(x, y), false) * x.size(0);
    }

    /**
     * With weight noise the probe draws noise as a training step does and leaves none behind: the step after it equals a
     * step of a network that never ran the probe, from the same generator state (DL4J's calculateGradients keeps the
     * output layer's noisy weights, which the next step would otherwise read from a closed workspace).
     */
    @Test
    void aProbeLeavesNoNoisyWeightsForTheNextStep() {
        rnnsuite.model.ModelSpec spec = new rnnsuite.model.ModelSpec(1, 5, 0.0, 1e-2, null, null, null, null, null, null, null,
                null, null, null, 0.2);
        java.util.function.Supplier<MultiLayerNetwork> network = () -> rnnsuite.model.ModelFactory.network(
                rnnsuite.model.ModelFactory.build(rnnsuite.model.Variant.GRU, spec, rnnsuite.model.Input.vectors(2),
                        new rnnsuite.model.Output.Classes(3), 4, 6), spec, 4, 1); // each its own configuration: it counts the steps
        Nd4j.getRandom().setSeed(8);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 2, 6).subi(0.5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 3);
        for (int b = 0; b < 4; b++) {
            y.putScalar(b, b % 3, 1);
        }
        DataSet ds = new DataSet(x, y);
        MultiLayerNetwork probed = network.get();
        MultiLayerNetwork plain = network.get();
        Nd4j.getRandom().setSeed(21);
        GradientProbe.inputGradientNorms(probed, ds);
        org.nd4j.linalg.api.rng.Random generator = Nd4j.getRandom();
        long root = generator.rootState();
        long node = generator.nodeState();
        probed.fit(ds);
        generator.setStates(root, node);
        plain.fit(ds);
        assertEquals(plain.params(), probed.params(), "the step after the probe drew its own noise");
    }
}
