package rnnsuite.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import rnnsuite.model.fast.FastRecurrent;

/**
 * The gradient-flow probe: for a network and a batch, the norm of each example's loss gradient with
 * respect to its input at each time step, ‖∂L_b/∂x_{b,t}‖₂, averaged over the examples b. A vanishing
 * gradient shows as norms falling by orders of magnitude from the last step back to the first. Defined
 * for vector inputs (for token ids the input is not differentiable). DL4J's input gradient is already
 * per example (its loss gradients are divided by the batch size only in the updater).
 */
public final class GradientProbe {

    private GradientProbe() {
    }

    /** Norms per time step, index t = 0 .. T−1; dropout and weight noise are on, as in training. */
    public static double[] inputGradientNorms(MultiLayerNetwork net, DataSet batch) {
        // DL4J 1.0.0-M2.1's calculateGradients passes the feature mask on as the label mask (its forward
        // pass takes the network's own mask field as the feature mask), so the mask goes in through setMask.
        net.setMask(batch.getFeaturesMaskArray());
        boolean inputGradient = FastRecurrent.inputGradient(net, true);
        INDArray grad;
        try {
            grad = net.calculateGradients(batch.getFeatures(), batch.getLabels(), null, batch.getLabelsMaskArray()).getSecond();
        } finally {
            FastRecurrent.inputGradient(net, inputGradient);
            net.setMask(null);
            net.clearLayerMaskArrays();
            // calculateGradients leaves the output layer's noisy weights cached (fit clears them itself): the next
            // training step would read them from a workspace that has since closed
            for (var layer : net.getLayers()) {
                layer.clearNoiseWeightParams();
            }
        }
        if (grad == null || grad.rank() != 3) {
            throw new IllegalStateException("the gradient probe needs sequences of vectors as input, not token ids");
        }
        long batchSize = grad.size(0);
        int steps = (int) grad.size(2);
        INDArray perExampleStep = grad.mul(grad).sum(1); // [batch, steps]: squared norm over features
        double[] norms = new double[steps];
        for (int t = 0; t < steps; t++) {
            double sum = 0;
            for (long b = 0; b < batchSize; b++) {
                sum += Math.sqrt(perExampleStep.getDouble(b, t));
            }
            norms[t] = sum / batchSize;
        }
        return norms;
    }
}
