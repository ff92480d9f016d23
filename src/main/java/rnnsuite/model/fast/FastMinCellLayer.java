package rnnsuite.model.fast;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The minGRU and minLSTM of {@link RecurrentCell}: one GEMM projects the gates and candidates of all steps
 * (they see x_t only), their activations for all steps at once, then the recurrence is an element-wise scan over
 * time, unit by unit and vectorised over the batch, the units split over the threads; the backward pass is a
 * reverse scan plus GEMMs over all steps. No matrix product per step.
 */
final class FastMinCellLayer extends FastRecurrentLayer<org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer> {

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
    protected boolean timeMajorEpsilon() {
        return true; // the scans walk each unit through all steps
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
        // unit by unit: a unit's gates, for all steps at once, then its scan (no unit reads another)
        Parallel.split(threads, units, 1, (j0, j1) -> {
            Kernels.sigmoidColumns(gates.bytes(), 0, r, j0, j1, b, 0, r);
            if (lstm) {
                Kernels.sigmoidColumns(gates.bytes(), 0, r, units + j0, units + j1, b, 0, r);
                MinCellKernels.minLstmScan(gates.bytes(), h.bytes(), start.bytes(), r, stride, steps, units, b, mask, j0, j1);
            } else {
                MinCellKernels.minGruScan(gates.bytes(), h.bytes(), start.bytes(), r, stride, steps, units, b, mask, j0, j1);
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
        Parallel.split(threads, units, 1, (j0, j1) -> {
            if (lstm) {
                MinCellKernels.minLstmScanBackward(gates.bytes(), h.bytes(), start.bytes(), epsilonAbove, epsilonStepStride,
                        epsilonLd, dhRec.bytes(), dz.bytes(), r, stride, steps, units, mask, j0, j1);
            } else {
                MinCellKernels.minGruScanBackward(gates.bytes(), h.bytes(), start.bytes(), epsilonAbove, epsilonStepStride,
                        epsilonLd, dhRec.bytes(), dz.bytes(), r, stride, steps, units, mask, j0, j1);
            }
        });
        inputGradients(inputWeights, gradients, width);
    }
}
