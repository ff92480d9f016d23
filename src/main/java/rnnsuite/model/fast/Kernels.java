package rnnsuite.model.fast;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise part of one time step, fused and vectorised with the Vector API (AVX-512 or AVX2
 * lanes; exp and tanh run on the JDK's SVML intrinsics). DL4J's stock layers spend most of a step in
 * a dozen separate native calls for this; here it is one pass over the step's memory.
 *
 * <p>Layout: every per-step matrix is a column-major block of {@code batch} rows taken from an
 * all-steps matrix with {@code ld} rows (row {@code b + batch·t}); column {@code j} of the step that
 * starts at row {@code base} begins at element {@code base + ld·j}. Loops run over units (columns) and
 * then over a slice of the batch [b0, b1) in vector-sized chunks, so two threads can share a step by
 * taking a slice each. LSTM gate columns follow DL4J: [block input a | forget f | output o | input i].
 */
final class Kernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder NO = ByteOrder.nativeOrder();

    private Kernels() {
    }

    // ---------------------------------------------------------------- loads and stores (null mask = full vector)

    private static FloatVector load(ByteBuffer bb, long index, VectorMask<Float> m) {
        return m == null ? FloatVector.fromByteBuffer(S, bb, (int) (index << 2), NO)
                : FloatVector.fromByteBuffer(S, bb, (int) (index << 2), NO, m);
    }

    private static FloatVector load(float[] a, int index, VectorMask<Float> m) {
        return m == null ? FloatVector.fromArray(S, a, index) : FloatVector.fromArray(S, a, index, m);
    }

    private static void store(FloatVector v, ByteBuffer bb, long index, VectorMask<Float> m) {
        if (m == null) {
            v.intoByteBuffer(bb, (int) (index << 2), NO);
        } else {
            v.intoByteBuffer(bb, (int) (index << 2), NO, m);
        }
    }

    private static FloatVector sigmoid(FloatVector z) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        return one.div(one.add(z.neg().lanewise(VectorOperators.EXP)));
    }

    private static FloatVector tanh(FloatVector z) {
        return z.lanewise(VectorOperators.TANH);
    }

    /** The tail mask for a chunk starting at b, or null when a whole vector fits before b1. */
    private static VectorMask<Float> tail(int b, int b1) {
        return b + L <= b1 ? null : S.indexInRange(b, b1);
    }

    // ---------------------------------------------------------------- layout changes

    /**
     * Copies {@code steps × n} runs of {@code batch} consecutive floats: run (t, i) from
     * {@code src[srcBase + srcI·i + srcT·t ...]} to {@code dst[dstBase + dstI·i + dstT·t ...]}. With the
     * batch index contiguous on both sides this turns DL4J's [batch, n, time] 'f' arrays into the
     * layers' time-major buffers and back, at memory speed (ND4J's strided assign was 18% of a step).
     */
    static void copyRuns(ByteBuffer src, long srcBase, long srcI, long srcT, ByteBuffer dst, long dstBase, long dstI,
                         long dstT, int batch, int n, int t0, int t1) {
        for (int t = t0; t < t1; t++) {
            for (int i = 0; i < n; i++) {
                long from = srcBase + srcI * i + srcT * t;
                long to = dstBase + dstI * i + dstT * t;
                for (int b = 0; b < batch; b += L) {
                    VectorMask<Float> m = tail(b, batch);
                    store(load(src, from + b, m), dst, to + b, m);
                }
            }
        }
    }

    // ---------------------------------------------------------------- SimpleRnn

    /**
     * h = mask · tanh(z + bias), in place over the step's pre-activations {@code zh}.
     *
     * @param mask per-example mask of all steps (index b + batch·t), or null
     */
    static void simpleForward(ByteBuffer zh, long base, int ld, int units, float[] bias,
                              float[] mask, int maskBase, int b0, int b1) {
        for (int j = 0; j < units; j++) {
            FloatVector bj = FloatVector.broadcast(S, bias[j]);
            long col = base + (long) ld * j;
            for (int b = b0; b < b1; b += L) {
                VectorMask<Float> m = tail(b, b1);
                FloatVector h = tanh(load(zh, col + b, m).add(bj));
                if (mask != null) {
                    h = h.mul(load(mask, maskBase + b, m));
                }
                store(h, zh, col + b, m);
            }
        }
    }

    /**
     * dz = mask · (eps + dhRec) · (1 − h²) for one step, into {@code dz}.
     *
     * @param eps     dL/dh from the layer above: this step's column j starts at epsBase + epsLd·j
     * @param dhRec   dL/dh through the next step's recurrence ([batch, units], ld = batch), or null at the last step
     */
    static void simpleBackward(ByteBuffer h, ByteBuffer eps, long epsBase, int epsLd, ByteBuffer dhRec, ByteBuffer dz,
                               long base, int ld, int batch, int units, float[] mask, int maskBase, int b0, int b1) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int j = 0; j < units; j++) {
            long col = base + (long) ld * j;
            long epsCol = epsBase + (long) epsLd * j;
            long rec = (long) batch * j;
            for (int b = b0; b < b1; b += L) {
                VectorMask<Float> m = tail(b, b1);
                FloatVector g = load(eps, epsCol + b, m);
                if (dhRec != null) {
                    g = g.add(load(dhRec, rec + b, m));
                }
                if (mask != null) {
                    g = g.mul(load(mask, maskBase + b, m));
                }
                FloatVector hv = load(h, col + b, m);
                store(g.mul(one.sub(hv.mul(hv))), dz, col + b, m);
            }
        }
    }

    // ---------------------------------------------------------------- LSTM (DL4J's LSTM and GravesLSTM)

    /**
     * One forward step. On entry {@code gates} holds the step's pre-activations (x·W + h_{t-1}·R) in
     * columns [a | f | o | i]; on exit their activations. Writes the pre-mask cell state c̃ (cell),
     * tanh(c̃) (cellTanh) and the masked output h.
     *
     * @param prevBase  first row of the previous step, or −1 at t = 0 (zero state)
     * @param peep      peephole weights [wFF | wOO | wGG] (3·units), or null for the LSTM without peepholes
     */
    static void lstmForward(ByteBuffer gates, ByteBuffer cell, ByteBuffer cellTanh, ByteBuffer out,
                            long base, long prevBase, int ld, int units, float[] bias, float[] peep,
                            float[] mask, int maskBase, int prevMaskBase, int b0, int b1) {
        long gOff = (long) ld * units;
        for (int j = 0; j < units; j++) {
            FloatVector ba = FloatVector.broadcast(S, bias[j]);
            FloatVector bf = FloatVector.broadcast(S, bias[units + j]);
            FloatVector bo = FloatVector.broadcast(S, bias[2 * units + j]);
            FloatVector bi = FloatVector.broadcast(S, bias[3 * units + j]);
            long col = base + (long) ld * j;
            long prevCol = prevBase + (long) ld * j;
            for (int b = b0; b < b1; b += L) {
                VectorMask<Float> m = tail(b, b1);
                long ia = col + b;
                FloatVector cPrev = prevBase < 0 ? FloatVector.zero(S) : load(cell, prevCol + b, m);
                if (prevBase >= 0 && mask != null) {
                    cPrev = cPrev.mul(load(mask, prevMaskBase + b, m));
                }
                FloatVector zf = load(gates, ia + gOff, m).add(bf);
                FloatVector zi = load(gates, ia + 3 * gOff, m).add(bi);
                if (peep != null) {
                    zf = cPrev.fma(FloatVector.broadcast(S, peep[j]), zf);
                    zi = cPrev.fma(FloatVector.broadcast(S, peep[2 * units + j]), zi);
                }
                FloatVector a = tanh(load(gates, ia, m).add(ba));
                FloatVector f = sigmoid(zf);
                FloatVector i = sigmoid(zi);
                FloatVector c = f.fma(cPrev, i.mul(a));
                FloatVector zo = load(gates, ia + 2 * gOff, m).add(bo);
                if (peep != null) {
                    zo = c.fma(FloatVector.broadcast(S, peep[units + j]), zo);
                }
                FloatVector o = sigmoid(zo);
                FloatVector tc = tanh(c);
                FloatVector h = o.mul(tc);
                if (mask != null) {
                    h = h.mul(load(mask, maskBase + b, m));
                }
                store(a, gates, ia, m);
                store(f, gates, ia + gOff, m);
                store(o, gates, ia + 2 * gOff, m);
                store(i, gates, ia + 3 * gOff, m);
                store(c, cell, ia, m);
                store(tc, cellTanh, ia, m);
                store(h, out, ia, m);
            }
        }
    }

    /**
     * One backward step: from dL/dh (eps + dhRec) and dL/dc carried from the next step (dcCarry, updated
     * in place to dL/dc_{t-1}), the gate gradients dz = [da | df | do | di] (pre-activation) into {@code dz};
     * peephole gradients are accumulated into {@code peepGrad} (3·units) when {@code peep} is set.
     *
     * @param eps  dL/dh from the layer above: this step's column j starts at epsBase + epsLd·j
     * @param last true at the last step, where nothing comes from a next step
     */
    static void lstmBackward(ByteBuffer gates, ByteBuffer cell, ByteBuffer cellTanh, ByteBuffer eps, long epsBase,
                             int epsLd, ByteBuffer dhRec, ByteBuffer dcCarry, ByteBuffer dz, long base, long prevBase,
                             int ld, int batch, int units, float[] peep, float[] peepGrad, float[] mask, int maskBase,
                             int prevMaskBase, boolean last, int b0, int b1) {
        long gOff = (long) ld * units;
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int j = 0; j < units; j++) {
            long col = base + (long) ld * j;
            long epsCol = epsBase + (long) epsLd * j;
            long prevCol = prevBase + (long) ld * j;
            long rec = (long) batch * j;
            FloatVector wff = peep == null ? null : FloatVector.broadcast(S, peep[j]);
            FloatVector woo = peep == null ? null : FloatVector.broadcast(S, peep[units + j]);
            FloatVector wgg = peep == null ? null : FloatVector.broadcast(S, peep[2 * units + j]);
            FloatVector gFF = FloatVector.zero(S);
            FloatVector gOO = FloatVector.zero(S);
            FloatVector gGG = FloatVector.zero(S);
            for (int b = b0; b < b1; b += L) {
                VectorMask<Float> m = tail(b, b1);
                long ia = col + b;
                FloatVector dh = load(eps, epsCol + b, m);
                FloatVector dc = FloatVector.zero(S);
                if (!last) {
                    dh = dh.add(load(dhRec, rec + b, m));
                    dc = load(dcCarry, rec + b, m);
                }
                if (mask != null) {
                    FloatVector mt = load(mask, maskBase + b, m);
                    dh = dh.mul(mt);
                    dc = dc.mul(mt);
                }
                FloatVector a = load(gates, ia, m);
                FloatVector f = load(gates, ia + gOff, m);
                FloatVector o = load(gates, ia + 2 * gOff, m);
                FloatVector i = load(gates, ia + 3 * gOff, m);
                FloatVector tc = load(cellTanh, ia, m);
                FloatVector cPrev = prevBase < 0 ? FloatVector.zero(S) : load(cell, prevCol + b, m);
                if (prevBase >= 0 && mask != null) {
                    cPrev = cPrev.mul(load(mask, prevMaskBase + b, m));
                }
                FloatVector dzo = dh.mul(tc).mul(o).mul(one.sub(o));
                dc = dh.mul(o).mul(one.sub(tc.mul(tc))).add(dc);
                if (peep != null) {
                    dc = dzo.fma(woo, dc);
                }
                FloatVector dza = dc.mul(i).mul(one.sub(a.mul(a)));
                FloatVector dzi = dc.mul(a).mul(i).mul(one.sub(i));
                FloatVector dzf = dc.mul(cPrev).mul(f).mul(one.sub(f));
                FloatVector carry = dc.mul(f);
                if (peep != null) {
                    carry = dzf.fma(wff, dzi.fma(wgg, carry));
                    FloatVector c = load(cell, ia, m);
                    gFF = dzf.fma(cPrev, gFF);
                    gOO = dzo.fma(c, gOO);
                    gGG = dzi.fma(cPrev, gGG);
                }
                store(carry, dcCarry, rec + b, m);
                store(dza, dz, ia, m);
                store(dzf, dz, ia + gOff, m);
                store(dzo, dz, ia + 2 * gOff, m);
                store(dzi, dz, ia + 3 * gOff, m);
            }
            if (peep != null) {
                peepGrad[j] += gFF.reduceLanes(VectorOperators.ADD);
                peepGrad[units + j] += gOO.reduceLanes(VectorOperators.ADD);
                peepGrad[2 * units + j] += gGG.reduceLanes(VectorOperators.ADD);
            }
        }
    }
}
