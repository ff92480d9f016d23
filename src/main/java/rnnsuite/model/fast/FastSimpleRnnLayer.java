package rnnsuite.model.fast;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's SimpleRnn (h_t = tanh(x_t·W + h_{t-1}·R + b), masked steps output 0), same parameters and
 * results, computed as: one GEMM for the input projection of all steps, then per step one small GEMM
 * (h_{t-1}·R) and one vector pass; backward the mirror image, with the weight gradients as three GEMMs
 * over all steps at the end.
 */
final class FastSimpleRnnLayer extends FastRecurrentLayer<SimpleRnn> {

    FastSimpleRnnLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected void forwardCells(INDArray inputWeights, INDArray recurrentWeights, INDArray bias) {
        int r = rows();
        h.ensure((long) r * units);
        projectInputs(inputWeights, h, units);
        var rw = Blas.pointer(recurrentWeights);
        float[] b = bias.toFloatVector();
        Parallel.split(threads, stride, Kernels.LANES, (b0, b1) -> {
            for (int t = 0; t < steps; t++) {
                long base = (long) stride * t;
                if (t > 0) {
                    Blas.gemm(false, false, b1 - b0, units, units, 1f, h.pointer(), base - stride + b0, r,
                            rw, 0, units, 1f, h.pointer(), base + b0, r);
                }
                Kernels.simpleForward(h.bytes(), base, r, units, b, mask, stride * t, b0, b1);
            }
        });
    }

    @Override
    protected void backwardCells(INDArray inputWeights, INDArray recurrentWeights, Map<String, INDArray> gradients) {
        int r = rows();
        dz.ensure((long) r * units);
        dhRec.ensure((long) stride * units).zero((long) stride * units);
        stepBlock.ensure((long) stride * units);
        var rT = transposedRecurrent(recurrentWeights, units);
        Parallel.split(threads, stride, Kernels.LANES, (b0, b1) -> {
            int w = b1 - b0;
            for (int t = steps - 1; t >= 0; t--) {
                long base = (long) stride * t;
                Kernels.simpleBackward(h.bytes(), epsilonAbove, epsilonStepStride * t, epsilonLd, dhRec.bytes(), stride,
                        dz.bytes(), base, r, units, stepBlock.bytes(), sliceOrigin(b0, units), w, mask, stride * t, b0, b1);
                if (t > 0) {
                    Blas.gemm(false, false, w, units, units, 1f, stepBlock.pointer(), (long) b0 * units, w,
                            rT, 0, units, 0f, dhRec.pointer(), b0, stride);
                }
            }
        });
        parameterGradients(inputWeights, gradients, units);
    }
}
