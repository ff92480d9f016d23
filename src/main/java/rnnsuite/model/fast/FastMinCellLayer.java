package rnnsuite.model.fast;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The minGRU and minLSTM of {@link RecurrentCell}: one GEMM projects the gates and candidates of all steps
 * (they see x_t only), then the recurrence is an element-wise scan over time, vectorised over batch ×
 * units; the backward pass is a reverse scan plus GEMMs over all steps. No matrix product per step.
 */
final class FastMinCellLayer extends FastRecurrentLayer<RecurrentCell> {

    private final boolean lstm;
    private final FloatBuf gates = new FloatBuf();

    FastMinCellLayer(NeuralNetConfiguration conf, DataType dataType, boolean lstm) {
        super(conf, dataType);
        this.lstm = lstm;
    }

    /** Gate columns before the candidate: z (minGRU) or f, i (minLSTM). */
    private int gateColumns() {
        return (lstm ? 2 : 1) * units;
    }

    @Override
    protected void forwardCells(INDArray inputWeights, INDArray recurrentWeights, INDArray bias) {
        int r = rows();
        int width = gateColumns() + units;
        gates.ensure((long) r * width);
        h.ensure((long) r * units);
        projectInputs(inputWeights, gates, width);
        float[] b = bias.toFloatVector();
        FloatBuf start = zeroState();
        Parallel.split(stride, Kernels.LANES, (b0, b1) -> {
            for (int t = 0; t < steps; t++) {
                long base = (long) stride * t;
                var prev = t > 0 ? h.bytes() : start.bytes();
                long prevBase = t > 0 ? base - stride : 0;
                int prevLd = t > 0 ? r : 0;
                Kernels.sigmoidColumns(gates.bytes(), base, r, 0, gateColumns(), b, b0, b1);
                if (lstm) {
                    MinCellKernels.minLstmStep(gates.bytes(), prev, prevBase, prevLd, h.bytes(), base, r, units, b,
                            mask, stride * t, b0, b1);
                } else {
                    MinCellKernels.minGruStep(gates.bytes(), prev, prevBase, prevLd, h.bytes(), base, r, units, b,
                            mask, stride * t, b0, b1);
                }
            }
        });
    }

    @Override
    protected void backwardCells(INDArray inputWeights, INDArray recurrentWeights, Map<String, INDArray> gradients) {
        int r = rows();
        int width = gateColumns() + units;
        dz.ensure((long) r * width);
        dhRec.ensure((long) stride * units).zero((long) stride * units);
        FloatBuf start = zeroState();
        Parallel.split(stride, Kernels.LANES, (b0, b1) -> {
            for (int t = steps - 1; t >= 0; t--) {
                long base = (long) stride * t;
                var prev = t > 0 ? h.bytes() : start.bytes();
                long prevBase = t > 0 ? base - stride : 0;
                int prevLd = t > 0 ? r : 0;
                if (lstm) {
                    MinCellKernels.minLstmBackward(gates.bytes(), prev, prevBase, prevLd, epsilonAbove, epsilonStepStride * t,
                            epsilonLd, dhRec.bytes(), stride, dz.bytes(), base, r, units, mask, stride * t, b0, b1);
                } else {
                    MinCellKernels.minGruBackward(gates.bytes(), prev, prevBase, prevLd, epsilonAbove, epsilonStepStride * t,
                            epsilonLd, dhRec.bytes(), stride, dz.bytes(), base, r, units, mask, stride * t, b0, b1);
                }
            }
        });
        inputGradients(inputWeights, gradients, width);
    }
}
