package rnnsuite.model.fast;

import static rnnsuite.model.fast.Kernels.LANES;
import static rnnsuite.model.fast.Kernels.load;
import static rnnsuite.model.fast.Kernels.store;

import java.nio.ByteBuffer;
import java.util.Map;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The IndRNN of {@link RecurrentCell} (Li et al. 2018): h_t = relu(x_t·W + b + u ⊙ h_{t-1}), one recurrent weight per
 * unit, so a unit's recurrence depends on no other unit. One GEMM projects every step; then, unit by unit (the units
 * split over the threads), a scan over time vectorised over the batch, as the min cells do; backward the reverse
 * scan and GEMMs over all steps. No matrix product per step.
 */
final class FastIndRnnLayer extends FastRecurrentLayer<org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer> {

    /** Per step and unit the pre-activation z = x·W + b + u ⊙ h_{t-1} (kept for the backward pass). */
    private final FloatBuf pre = new FloatBuf();

    FastIndRnnLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected boolean timeMajorEpsilon() {
        return true; // the scans walk each unit through all steps
    }

    @Override
    protected void forwardCells(INDArray inputWeights, INDArray recurrentWeights, INDArray bias) {
        int r = rows();
        pre.ensure((long) r * units);
        h.ensure((long) r * units);
        projectInputs(inputWeights, pre, units);
        float[] u = recurrentWeights.toFloatVector();
        float[] b = bias.toFloatVector();
        FloatBuf start = zeroState();
        Parallel.split(threads, units, 1, (j0, j1) -> scan(pre.bytes(), h.bytes(), start.bytes(), r, stride, steps, u, b, mask, j0, j1));
    }

    @Override
    protected void backwardCells(INDArray inputWeights, INDArray recurrentWeights, Map<String, INDArray> gradients) {
        int r = rows();
        dz.ensure((long) r * units);
        dhRec.ensure((long) stride * units).zero((long) stride * units);
        float[] u = recurrentWeights.toFloatVector();
        float[] du = new float[units];
        FloatBuf start = zeroState();
        Parallel.split(threads, units, 1, (j0, j1) -> scanBackward(pre.bytes(), h.bytes(), start.bytes(), epsilonAbove,
                epsilonStepStride, epsilonLd, dhRec.bytes(), dz.bytes(), r, stride, steps, u, du, mask, j0, j1));
        inputGradients(inputWeights, gradients, units);
        gradients.get(RecurrentCellParams.RW).assign(Nd4j.create(du, new long[] {1, units}, 'f'));
    }

    /** Forward, units [j0, j1): z = pre + b_j + u_j·h_{t-1} (kept in {@code pre}), h_t = mask · relu(z). */
    static void scan(ByteBuffer pre, ByteBuffer h, ByteBuffer zeros, int ld, int stride, int steps, float[] u, float[] bias,
                     float[] mask, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            long col = (long) ld * j;
            float uj = u[j];
            float bj = bias[j];
            for (int t = 0; t < steps; t++) {
                long base = col + (long) stride * t;
                ByteBuffer prev = t > 0 ? h : zeros;
                long prevBase = t > 0 ? base - stride : 0;
                int maskBase = stride * t;
                for (int b = 0; b < stride; b += LANES) {
                    long ia = base + b;
                    FloatVector z = load(pre, ia).add(bj).add(load(prev, prevBase + b).mul(uj));
                    store(z, pre, ia);
                    store(z.lanewise(VectorOperators.MAX, 0f).mul(load(mask, maskBase + b)), h, ia);
                }
            }
        }
    }

    /**
     * Backward, last step first, units [j0, j1): with g = mask·(eps + carry), dz = g where z > 0 (else 0) into
     * {@code dz}, du_j += Σ dz·h_{t-1}, carry ← dz·u_j. The lanes of du's sum are added in a fixed order, so its
     * value does not depend on whether the JIT has compiled the loop.
     */
    static void scanBackward(ByteBuffer pre, ByteBuffer h, ByteBuffer zeros, ByteBuffer eps, long epsStepStride, int epsLd,
                             ByteBuffer carry, ByteBuffer dz, int ld, int stride, int steps, float[] u, float[] du,
                             float[] mask, int j0, int j1) {
        FloatVector zero = FloatVector.zero(FloatVector.SPECIES_PREFERRED);
        float[] lanes = new float[LANES]; // du's running sum per lane (no vector carried across iterations: Kernels)
        for (int j = j0; j < j1; j++) {
            long col = (long) ld * j;
            long rec = (long) stride * j;
            float uj = u[j];
            java.util.Arrays.fill(lanes, 0f);
            for (int t = steps - 1; t >= 0; t--) {
                long base = col + (long) stride * t;
                ByteBuffer prev = t > 0 ? h : zeros;
                long prevBase = t > 0 ? base - stride : 0;
                long epsCol = epsStepStride * t + (long) epsLd * j;
                int maskBase = stride * t;
                for (int b = 0; b < stride; b += LANES) {
                    long ia = base + b;
                    FloatVector g = load(eps, epsCol + b).add(load(carry, rec + b)).mul(load(mask, maskBase + b));
                    FloatVector d = zero.blend(g, load(pre, ia).compare(VectorOperators.GT, 0f));
                    store(d, dz, ia);
                    load(lanes, 0).add(d.mul(load(prev, prevBase + b))).intoArray(lanes, 0);
                    store(d.mul(uj), carry, rec + b);
                }
            }
            float sum = 0;
            for (float lane : lanes) {
                sum += lane;
            }
            du[j] = sum;
        }
    }
}
