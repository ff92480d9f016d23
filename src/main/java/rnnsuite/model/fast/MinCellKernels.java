package rnnsuite.model.fast;

import static rnnsuite.model.fast.Kernels.LANES;
import static rnnsuite.model.fast.Kernels.ONE;
import static rnnsuite.model.fast.Kernels.load;
import static rnnsuite.model.fast.Kernels.store;

import java.nio.ByteBuffer;
import jdk.incubator.vector.FloatVector;

/**
 * The minGRU's and minLSTM's scan over time (layout as in {@link Kernels}). Their gates are already
 * activated by {@link Kernels#sigmoidColumns} (minGRU [z | h̃], minLSTM [f | i | h̃]); a step is then one
 * element-wise pass, h_t = a_t ⊙ h_{t-1} + c_t, with no matrix product, and the backward step likewise.
 */
final class MinCellKernels {

    private MinCellKernels() {
    }

    /** minGRU: h̃ = z_h + b (kept), h = mask · (h_{t-1} + z·(h̃ − h_{t-1})). */
    static void minGruStep(ByteBuffer gates, ByteBuffer hPrev, long prevBase, int prevLd, ByteBuffer h, long base, int ld,
                           int units, float[] bias, float[] mask, int maskBase, int b0, int b1) {
        long gOff = (long) ld * units;
        for (int j = 0; j < units; j++) {
            long col = base + (long) ld * j;
            long prevCol = prevBase + (long) prevLd * j;
            float bh = bias[units + j];
            for (int b = b0; b < b1; b += LANES) {
                long ia = col + b;
                FloatVector cand = load(gates, ia + gOff).add(bh);
                store(cand, gates, ia + gOff);
                FloatVector hp = load(hPrev, prevCol + b);
                store(load(gates, ia).fma(cand.sub(hp), hp).mul(load(mask, maskBase + b)), h, ia);
            }
        }
    }

    /** minLSTM: h̃ = z_h + b (kept), h = mask · (f·h_{t-1} + i·h̃) / (f + i). */
    static void minLstmStep(ByteBuffer gates, ByteBuffer hPrev, long prevBase, int prevLd, ByteBuffer h, long base, int ld,
                            int units, float[] bias, float[] mask, int maskBase, int b0, int b1) {
        long gOff = (long) ld * units;
        for (int j = 0; j < units; j++) {
            long col = base + (long) ld * j;
            long prevCol = prevBase + (long) prevLd * j;
            float bh = bias[2 * units + j];
            for (int b = b0; b < b1; b += LANES) {
                long ia = col + b;
                FloatVector cand = load(gates, ia + 2 * gOff).add(bh);
                store(cand, gates, ia + 2 * gOff);
                FloatVector f = load(gates, ia);
                FloatVector i = load(gates, ia + gOff);
                FloatVector num = f.mul(load(hPrev, prevCol + b)).add(i.mul(cand));
                store(num.div(f.add(i)).mul(load(mask, maskBase + b)), h, ia);
            }
        }
    }

    /** minGRU backward step: g = mask·(eps + dhRec); dz_z = g·(h̃ − h_{t-1})·z(1 − z), dz_h = g·z; dhRec ← g·(1 − z). */
    static void minGruBackward(ByteBuffer gates, ByteBuffer hPrev, long prevBase, int prevLd, ByteBuffer eps, long epsBase,
                               int epsLd, ByteBuffer dhRec, int recLd, ByteBuffer dz, long base, int ld, int units,
                               float[] mask, int maskBase, int b0, int b1) {
        long gOff = (long) ld * units;
        for (int j = 0; j < units; j++) {
            long col = base + (long) ld * j;
            long prevCol = prevBase + (long) prevLd * j;
            long epsCol = epsBase + (long) epsLd * j;
            long rec = (long) recLd * j;
            for (int b = b0; b < b1; b += LANES) {
                long ia = col + b;
                FloatVector g = load(eps, epsCol + b).add(load(dhRec, rec + b)).mul(load(mask, maskBase + b));
                FloatVector z = load(gates, ia);
                FloatVector cand = load(gates, ia + gOff);
                store(g.mul(cand.sub(load(hPrev, prevCol + b))).mul(z).mul(ONE.sub(z)), dz, ia);
                store(g.mul(z), dz, ia + gOff);
                store(g.sub(g.mul(z)), dhRec, rec + b);
            }
        }
    }

    /**
     * minLSTM backward step, with f' = f/(f + i), i' = i/(f + i) and g = mask·(eps + dhRec):
     * q = g·(h_{t-1} − h̃)·f'·i', dz_f = q(1 − f), dz_i = −q(1 − i), dz_h = g·i'; dhRec ← g·f'.
     */
    static void minLstmBackward(ByteBuffer gates, ByteBuffer hPrev, long prevBase, int prevLd, ByteBuffer eps, long epsBase,
                                int epsLd, ByteBuffer dhRec, int recLd, ByteBuffer dz, long base, int ld, int units,
                                float[] mask, int maskBase, int b0, int b1) {
        long gOff = (long) ld * units;
        for (int j = 0; j < units; j++) {
            long col = base + (long) ld * j;
            long prevCol = prevBase + (long) prevLd * j;
            long epsCol = epsBase + (long) epsLd * j;
            long rec = (long) recLd * j;
            for (int b = b0; b < b1; b += LANES) {
                long ia = col + b;
                FloatVector g = load(eps, epsCol + b).add(load(dhRec, rec + b)).mul(load(mask, maskBase + b));
                FloatVector f = load(gates, ia);
                FloatVector i = load(gates, ia + gOff);
                FloatVector inv = ONE.div(f.add(i));
                FloatVector fn = f.mul(inv);
                FloatVector in = i.mul(inv);
                FloatVector q = g.mul(load(hPrev, prevCol + b).sub(load(gates, ia + 2 * gOff))).mul(fn).mul(in);
                store(q.mul(ONE.sub(f)), dz, ia);
                store(q.mul(i.sub(ONE)), dz, ia + gOff);
                store(g.mul(in), dz, ia + 2 * gOff);
                store(g.mul(fn), dhRec, rec + b);
            }
        }
    }
}
