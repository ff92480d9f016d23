package rnnsuite.model.fast;

import static rnnsuite.model.fast.Kernels.LANES;
import static rnnsuite.model.fast.Kernels.ONE;
import static rnnsuite.model.fast.Kernels.load;
import static rnnsuite.model.fast.Kernels.store;

import java.nio.ByteBuffer;
import jdk.incubator.vector.FloatVector;

/**
 * The GRU's element-wise passes (layout as in {@link Kernels}; gate columns [r | z | n]). The r and z
 * pre-activations, with both biases, go through {@link Kernels#sigmoidColumns}; {@code hn} holds
 * h_{t-1}·R_n per step and keeps h_{t-1}·R_n + b_hn for the backward pass.
 */
final class GruKernels {

    private GruKernels() {
    }

    /** hn += b_hn; n = tanh(z_n + b_in + r·hn) into the n columns; h = mask · (n + z·(h_{t-1} − n)). */
    static void candidate(ByteBuffer gates, ByteBuffer hn, ByteBuffer hPrev, long prevBase, int prevLd, ByteBuffer h,
                          long base, int ld, int units, float[] biasIn, float[] biasHn, float[] mask, int maskBase,
                          int b0, int b1) {
        long gOff = (long) ld * units;
        for (int j = 0; j < units; j++) {
            long col = base + (long) ld * j;
            long prevCol = prevBase + (long) prevLd * j;
            float bin = biasIn[j];
            float bhn = biasHn[j];
            for (int b = b0; b < b1; b += LANES) {
                long ia = col + b;
                FloatVector hnv = load(hn, ia).add(bhn);
                store(hnv, hn, ia);
                FloatVector n = Kernels.tanh(load(gates, ia + 2 * gOff).add(bin).add(load(gates, ia).mul(hnv)));
                store(n, gates, ia + 2 * gOff);
                FloatVector hp = load(hPrev, prevCol + b);
                store(load(gates, ia + gOff).fma(hp.sub(n), n).mul(load(mask, maskBase + b)), h, ia);
            }
        }
    }

    /**
     * Backward, first pass: g = mask·(eps + dhRec); dz_z = g·(h_{t-1} − n)·z(1 − z) and dz_n = g·(1 − z)(1 − n²)
     * into {@code dz}, dz_z also into column units + j of {@code step} (column j of the slice at stepOrigin + stepLd·j);
     * dhRec ← g·z (the direct path to h_{t-1}; the layer adds the recurrent products).
     */
    static void backwardUpdate(ByteBuffer gates, ByteBuffer hPrev, long prevBase, int prevLd, ByteBuffer eps, long epsBase,
                               int epsLd, ByteBuffer dhRec, int recLd, ByteBuffer dz, long base, int ld, ByteBuffer step,
                               long stepOrigin, int stepLd, int units, float[] mask, int maskBase, int b0, int b1) {
        long gOff = (long) ld * units;
        long stepZ = stepOrigin + (long) stepLd * units;
        for (int j = 0; j < units; j++) {
            long col = base + (long) ld * j;
            long prevCol = prevBase + (long) prevLd * j;
            long epsCol = epsBase + (long) epsLd * j;
            long rec = (long) recLd * j;
            long stepCol = stepZ + (long) stepLd * j;
            for (int b = b0; b < b1; b += LANES) {
                long ia = col + b;
                FloatVector g = load(eps, epsCol + b).add(load(dhRec, rec + b)).mul(load(mask, maskBase + b));
                FloatVector z = load(gates, ia + gOff);
                FloatVector n = load(gates, ia + 2 * gOff);
                FloatVector oneMinusZ = ONE.sub(z);
                FloatVector dzz = g.mul(load(hPrev, prevCol + b).sub(n)).mul(z).mul(oneMinusZ);
                store(dzz, dz, ia + gOff);
                store(dzz, step, stepCol + b);
                store(g.mul(oneMinusZ).mul(ONE.sub(n.mul(n))), dz, ia + 2 * gOff);
                store(g.mul(z), dhRec, rec + b);
            }
        }
    }

    /**
     * Backward, second pass: dz_r = dz_n·hn·r(1 − r) into {@code dz}, and dL/d(h_{t-1}·R_n + b_hn) = dz_n·r into
     * {@code dhn}; both also into {@code step}, columns j and 2·units + j (laid out as in backwardUpdate).
     */
    static void backwardReset(ByteBuffer gates, ByteBuffer hn, ByteBuffer dz, ByteBuffer dhn, long base, int ld,
                              ByteBuffer step, long stepOrigin, int stepLd, int units, int b0, int b1) {
        long gOff = (long) ld * units;
        long stepN = (long) stepLd * 2 * units;
        for (int j = 0; j < units; j++) {
            long col = base + (long) ld * j;
            long stepCol = stepOrigin + (long) stepLd * j;
            for (int b = b0; b < b1; b += LANES) {
                long ia = col + b;
                FloatVector r = load(gates, ia);
                FloatVector dn = load(dz, ia + 2 * gOff);
                FloatVector dzr = dn.mul(load(hn, ia)).mul(r).mul(ONE.sub(r));
                FloatVector dhnv = dn.mul(r);
                store(dzr, dz, ia);
                store(dhnv, dhn, ia);
                store(dzr, step, stepCol + b);
                store(dhnv, step, stepCol + stepN + b);
            }
        }
    }
}
