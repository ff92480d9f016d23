package rnnsuite.model.fast;

import static rnnsuite.model.fast.Kernels.LANES;
import static rnnsuite.model.fast.Kernels.ONE;
import static rnnsuite.model.fast.Kernels.load;
import static rnnsuite.model.fast.Kernels.store;

import java.nio.ByteBuffer;
import jdk.incubator.vector.FloatVector;

/**
 * The minGRU's and minLSTM's scans over time (layout as in {@link Kernels}). Their gates see x_t only, so
 * {@link Kernels#sigmoidColumns} activates them for all steps at once beforehand (minGRU [z | h̃], minLSTM
 * [f | i | h̃]), and a unit's recurrence h_t = a_t ⊙ h_{t-1} + c_t depends on no other unit: each kernel runs
 * unit by unit (columns [j0, j1)), every step and batch row of a unit in one sequential sweep of its column.
 * The step before the first reads a zero run ({@code zeros}, at least {@code stride} floats).
 */
final class MinCellKernels {

    private MinCellKernels() {
    }

    /** minGRU forward: h̃ = z_h + b (kept), h_t = mask · (h_{t-1} + z·(h̃ − h_{t-1})). */
    static void minGruScan(ByteBuffer gates, ByteBuffer h, ByteBuffer zeros, int ld, int stride, int steps, int units,
                           float[] bias, float[] mask, int j0, int j1) {
        long gOff = (long) ld * units;
        for (int j = j0; j < j1; j++) {
            long col = (long) ld * j;
            float bh = bias[units + j];
            for (int t = 0; t < steps; t++) {
                long base = col + (long) stride * t;
                ByteBuffer prev = t > 0 ? h : zeros;
                long prevBase = t > 0 ? base - stride : 0;
                int maskBase = stride * t;
                for (int b = 0; b < stride; b += LANES) {
                    long ia = base + b;
                    FloatVector cand = load(gates, ia + gOff).add(bh);
                    store(cand, gates, ia + gOff);
                    FloatVector hp = load(prev, prevBase + b);
                    store(load(gates, ia).fma(cand.sub(hp), hp).mul(load(mask, maskBase + b)), h, ia);
                }
            }
        }
    }

    /** minLSTM forward: h̃ = z_h + b (kept), h_t = mask · (f·h_{t-1} + i·h̃) / (f + i). */
    static void minLstmScan(ByteBuffer gates, ByteBuffer h, ByteBuffer zeros, int ld, int stride, int steps, int units,
                            float[] bias, float[] mask, int j0, int j1) {
        long gOff = (long) ld * units;
        for (int j = j0; j < j1; j++) {
            long col = (long) ld * j;
            float bh = bias[2 * units + j];
            for (int t = 0; t < steps; t++) {
                long base = col + (long) stride * t;
                ByteBuffer prev = t > 0 ? h : zeros;
                long prevBase = t > 0 ? base - stride : 0;
                int maskBase = stride * t;
                for (int b = 0; b < stride; b += LANES) {
                    long ia = base + b;
                    FloatVector cand = load(gates, ia + 2 * gOff).add(bh);
                    store(cand, gates, ia + 2 * gOff);
                    FloatVector f = load(gates, ia);
                    FloatVector i = load(gates, ia + gOff);
                    FloatVector num = f.mul(load(prev, prevBase + b)).add(i.mul(cand));
                    store(num.div(f.add(i)).mul(load(mask, maskBase + b)), h, ia);
                }
            }
        }
    }

    /**
     * minGRU backward, last step first, with g = mask·(eps + carry): dz_z = g·(h̃ − h_{t-1})·z(1 − z),
     * dz_h = g·z, and carry ← g·(1 − z), dL/dh_{t-1} through the recurrence. {@code carry} ([stride × units],
     * column j at stride·j) starts at zero.
     */
    static void minGruScanBackward(ByteBuffer gates, ByteBuffer h, ByteBuffer zeros, ByteBuffer eps, long epsStepStride,
                                   int epsLd, ByteBuffer carry, ByteBuffer dz, int ld, int stride, int steps, int units,
                                   float[] mask, int j0, int j1) {
        long gOff = (long) ld * units;
        for (int j = j0; j < j1; j++) {
            long col = (long) ld * j;
            long rec = (long) stride * j;
            for (int t = steps - 1; t >= 0; t--) {
                long base = col + (long) stride * t;
                ByteBuffer prev = t > 0 ? h : zeros;
                long prevBase = t > 0 ? base - stride : 0;
                long epsCol = epsStepStride * t + (long) epsLd * j;
                int maskBase = stride * t;
                for (int b = 0; b < stride; b += LANES) {
                    long ia = base + b;
                    FloatVector g = load(eps, epsCol + b).add(load(carry, rec + b)).mul(load(mask, maskBase + b));
                    FloatVector z = load(gates, ia);
                    FloatVector cand = load(gates, ia + gOff);
                    store(g.mul(cand.sub(load(prev, prevBase + b))).mul(z).mul(ONE.sub(z)), dz, ia);
                    store(g.mul(z), dz, ia + gOff);
                    store(g.sub(g.mul(z)), carry, rec + b);
                }
            }
        }
    }

    /**
     * minLSTM backward, last step first, with f' = f/(f + i), i' = i/(f + i) and g = mask·(eps + carry):
     * q = g·(h_{t-1} − h̃)·f'·i', dz_f = q(1 − f), dz_i = −q(1 − i), dz_h = g·i', and carry ← g·f'.
     */
    static void minLstmScanBackward(ByteBuffer gates, ByteBuffer h, ByteBuffer zeros, ByteBuffer eps, long epsStepStride,
                                    int epsLd, ByteBuffer carry, ByteBuffer dz, int ld, int stride, int steps, int units,
                                    float[] mask, int j0, int j1) {
        long gOff = (long) ld * units;
        for (int j = j0; j < j1; j++) {
            long col = (long) ld * j;
            long rec = (long) stride * j;
            for (int t = steps - 1; t >= 0; t--) {
                long base = col + (long) stride * t;
                ByteBuffer prev = t > 0 ? h : zeros;
                long prevBase = t > 0 ? base - stride : 0;
                long epsCol = epsStepStride * t + (long) epsLd * j;
                int maskBase = stride * t;
                for (int b = 0; b < stride; b += LANES) {
                    long ia = base + b;
                    FloatVector g = load(eps, epsCol + b).add(load(carry, rec + b)).mul(load(mask, maskBase + b));
                    FloatVector f = load(gates, ia);
                    FloatVector i = load(gates, ia + gOff);
                    FloatVector inv = ONE.div(f.add(i));
                    FloatVector fn = f.mul(inv);
                    FloatVector in = i.mul(inv);
                    FloatVector q = g.mul(load(prev, prevBase + b).sub(load(gates, ia + 2 * gOff))).mul(fn).mul(in);
                    store(q.mul(ONE.sub(f)), dz, ia);
                    store(q.mul(i.sub(ONE)), dz, ia + gOff);
                    store(g.mul(in), dz, ia + 2 * gOff);
                    store(g.mul(fn), carry, rec + b);
                }
            }
        }
    }
}
