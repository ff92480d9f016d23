package rnnsuite.model.fast;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The GRU of {@link RecurrentCell} (PyTorch's convention, reset gate after the recurrent product): one GEMM
 * projects the inputs of all steps; each step adds h_{t-1}·R with two small GEMMs ([r | z] into the gate
 * pre-activations, n into its own buffer, since r multiplies it) and runs two vector passes; the backward pass
 * mirrors it and forms the weight gradients with GEMMs over all steps.
 */
final class FastGruLayer extends FastRecurrentLayer<org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer> {

    private final FloatBuf gates = new FloatBuf();
    /** Per step h_{t-1}·R_n + b_hn. */
    private final FloatBuf hn = new FloatBuf();
    /** Per step dL/d(h_{t-1}·R_n + b_hn). */
    private final FloatBuf dhn = new FloatBuf();

    FastGruLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected void forwardCells(INDArray inputWeights, INDArray recurrentWeights, INDArray bias) {
        int r = rows();
        int u = units;
        gates.ensure((long) r * 3 * u);
        hn.ensure((long) r * u);
        h.ensure((long) r * u);
        projectInputs(inputWeights, gates, 3 * u);
        var rw = Blas.pointer(recurrentWeights);
        float[] b = bias.toFloatVector();
        float[] rz = new float[2 * u];
        float[] in = new float[u];
        float[] bhn = new float[u];
        for (int j = 0; j < 2 * u; j++) {
            rz[j] = b[j] + b[3 * u + j];
        }
        System.arraycopy(b, 2 * u, in, 0, u);
        System.arraycopy(b, 5 * u, bhn, 0, u);
        FloatBuf start = zeroState();
        Parallel.split(threads, stride, Kernels.LANES, (b0, b1) -> {
            for (int t = 0; t < steps; t++) {
                long base = (long) stride * t;
                if (t > 0) {
                    Blas.gemm(false, false, b1 - b0, 2 * u, u, 1f, h.pointer(), base - stride + b0, r,
                            rw, 0, u, 1f, gates.pointer(), base + b0, r);
                    Blas.gemm(false, false, b1 - b0, u, u, 1f, h.pointer(), base - stride + b0, r,
                            rw, 2L * u * u, u, 0f, hn.pointer(), base + b0, r);
                } else {
                    Kernels.zeroRows(hn.bytes(), r, stride, b0, b1, u, 0, 1);
                }
                Kernels.sigmoidColumns(gates.bytes(), base, r, 0, 2 * u, rz, b0, b1);
                GruKernels.candidate(gates.bytes(), hn.bytes(), t > 0 ? h.bytes() : start.bytes(), t > 0 ? base - stride : 0,
                        t > 0 ? r : 0, h.bytes(), base, r, u, in, bhn, mask, stride * t, b0, b1);
            }
        });
    }

    @Override
    protected void backwardCells(INDArray inputWeights, INDArray recurrentWeights, Map<String, INDArray> gradients) {
        int r = rows();
        int u = units;
        dz.ensure((long) r * 3 * u);
        dhn.ensure((long) r * u);
        dhRec.ensure((long) stride * u).zero((long) stride * u);
        stepBlock.ensure((long) stride * 3 * u);
        var rT = transposedRecurrent(recurrentWeights, 3 * u);
        FloatBuf start = zeroState();
        // the block per slice holds [dz_r | dz_z | dL/d(h·R_n + b_hn)]; two products, as the forward pass has
        Parallel.split(threads, stride, Kernels.LANES, (b0, b1) -> {
            int w = b1 - b0;
            long origin = sliceOrigin(b0, 3 * u);
            for (int t = steps - 1; t >= 0; t--) {
                long base = (long) stride * t;
                GruKernels.backwardUpdate(gates.bytes(), t > 0 ? h.bytes() : start.bytes(), t > 0 ? base - stride : 0,
                        t > 0 ? r : 0, epsilonAbove, epsilonStepStride * t, epsilonLd, dhRec.bytes(), stride, dz.bytes(),
                        base, r, stepBlock.bytes(), origin, w, u, mask, stride * t, b0, b1);
                GruKernels.backwardReset(gates.bytes(), hn.bytes(), dz.bytes(), dhn.bytes(), base, r,
                        stepBlock.bytes(), origin, w, u, b0, b1);
                if (t > 0) {
                    Blas.gemm(false, false, w, u, 2 * u, 1f, stepBlock.pointer(), (long) b0 * 3 * u, w,
                            rT, 0, 3 * u, 1f, dhRec.pointer(), b0, stride);
                    Blas.gemm(false, false, w, u, u, 1f, stepBlock.pointer(), (long) b0 * 3 * u + 2L * w * u, w,
                            rT, 2 * u, 3 * u, 1f, dhRec.pointer(), b0, stride);
                }
            }
        });
        inputGradients(inputWeights, gradients, 3 * u);
        recurrentGradients(dz, 0, 2 * u, gradients, 0, 3 * u);
        recurrentGradients(dhn, 0, u, gradients, 2 * u, 5 * u);
    }
}
