package rnnsuite.model.fast;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise part of the recurrent layers, vectorised with the Vector API (16 lanes on AVX-512,
 * 8 on AVX2). DL4J's stock layers spend most of a step in a dozen separate native calls for this.
 *
 * <p>Layout: per-step matrices are column-major blocks of {@code stride} rows taken from an all-steps
 * matrix with {@code ld} rows (row {@code b + stride·t}): column {@code j} of the step starting at row
 * {@code base} begins at element {@code base + ld·j}. The layers pad the batch to a multiple of the
 * vector width ({@link #LANES}), so every loop here runs on whole vectors over a batch slice [b0, b1).
 * LSTM gate columns follow DL4J: [block input a | forget f | output o | input i].
 *
 * <p>Rules that keep the JIT from boxing vectors on the heap (which made a step three times slower):
 * at most one exp per loop body, no vector value chosen by a branch or carried across iterations; the
 * first step reads its "previous state" from a zero buffer ({@code ld = 0}) instead of branching.
 */
final class Kernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int LANES = S.length();
    private static final ByteOrder NO = ByteOrder.nativeOrder();

    private Kernels() {
    }

    static FloatVector load(ByteBuffer bb, long index) {
        return FloatVector.fromByteBuffer(S, bb, (int) (index << 2), NO);
    }

    static FloatVector load(float[] a, int index) {
        return FloatVector.fromArray(S, a, index);
    }

    static void store(FloatVector v, ByteBuffer bb, long index) {
        v.intoByteBuffer(bb, (int) (index << 2), NO);
    }

    // ---------------------------------------------------------------- exp, sigmoid, tanh
    // From IEEE-exact operations only (fma, mul, add, bit shifts), so a result never depends on whether
    // the JIT has compiled the kernel yet: the Vector API's own EXP and TANH are SVML intrinsics once
    // compiled and StrictMath before, which differ in the last bit and made runs with one seed diverge.
    // Cody-Waite range reduction and Cephes' degree-6 polynomial: within 2 ulp of exp.

    static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    private static final FloatVector TWO = FloatVector.broadcast(S, 2f);
    private static final FloatVector EXP_MIN = FloatVector.broadcast(S, -87f);
    private static final FloatVector EXP_MAX = FloatVector.broadcast(S, 88f);
    private static final FloatVector LOG2E = FloatVector.broadcast(S, 1.44269504088896341f);
    private static final float ROUND = 12582912f; // 1.5·2^23: adding and subtracting it rounds to an integer
    private static final FloatVector ROUND_V = FloatVector.broadcast(S, ROUND);
    private static final int EXPONENT_OFFSET = Float.floatToIntBits(ROUND) - 127;
    private static final FloatVector MINUS_LN2_HI = FloatVector.broadcast(S, -0.693359375f);
    private static final FloatVector MINUS_LN2_LO = FloatVector.broadcast(S, 2.12194440e-4f);
    private static final FloatVector P0 = FloatVector.broadcast(S, 1.9875691500e-4f);
    private static final FloatVector P1 = FloatVector.broadcast(S, 1.3981999507e-3f);
    private static final FloatVector P2 = FloatVector.broadcast(S, 8.3334519073e-3f);
    private static final FloatVector P3 = FloatVector.broadcast(S, 4.1665795894e-2f);
    private static final FloatVector P4 = FloatVector.broadcast(S, 1.6666665459e-1f);
    private static final FloatVector P5 = FloatVector.broadcast(S, 5.0000001201e-1f);

    static FloatVector exp(FloatVector x) {
        x = x.max(EXP_MIN).min(EXP_MAX);
        FloatVector shifted = x.fma(LOG2E, ROUND_V);
        FloatVector n = shifted.sub(ROUND_V);
        FloatVector r = n.fma(MINUS_LN2_LO, n.fma(MINUS_LN2_HI, x));
        FloatVector p = P0.fma(r, P1).fma(r, P2).fma(r, P3).fma(r, P4).fma(r, P5);
        FloatVector y = p.mul(r).fma(r, r).add(ONE);
        // shifted = 1.5·2^23 + n holds n in its low mantissa bits: 2^n without a float-to-int conversion.
        return y.mul(shifted.reinterpretAsInts().sub(EXPONENT_OFFSET).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
    }

    static FloatVector sigmoid(FloatVector z) {
        return ONE.div(ONE.add(exp(z.neg())));
    }

    /** tanh(z) = 1 − 2 / (e^{2z} + 1): absolute error below 1e-7, exact ±1 in the tails. */
    static FloatVector tanh(FloatVector z) {
        return ONE.sub(TWO.div(exp(z.add(z)).add(ONE)));
    }

    // ---------------------------------------------------------------- layout changes

    /**
     * Copies {@code steps × n} runs of {@code run} consecutive floats: run (t, i) from
     * {@code src[srcBase + srcI·i + srcT·t ...]} to {@code dst[dstBase + dstI·i + dstT·t ...]}. With the
     * batch index contiguous on both sides this moves DL4J's [batch, n, time] 'f' arrays into the time-major
     * buffers and back at memory speed (ND4J's strided assign took 18% of a step).
     */
    static void copyRuns(ByteBuffer src, long srcBase, long srcI, long srcT, ByteBuffer dst, long dstBase, long dstI,
                         long dstT, int run, int n, int t0, int t1) {
        int whole = run - run % LANES;
        VectorMask<Float> last = S.indexInRange(whole, run);
        for (int t = t0; t < t1; t++) {
            for (int i = 0; i < n; i++) {
                long from = srcBase + srcI * i + srcT * t;
                long to = dstBase + dstI * i + dstT * t;
                for (int b = 0; b < whole; b += LANES) {
                    store(load(src, from + b), dst, to + b);
                }
                if (whole < run) {
                    FloatVector.fromByteBuffer(S, src, (int) ((from + whole) << 2), NO, last)
                            .intoByteBuffer(dst, (int) ((to + whole) << 2), NO, last);
                }
            }
        }
    }

    /**
     * As {@link #copyRuns}, each value times a dropout mask's value at the element's offset on the source side
     * ({@code atSource}) or on the destination side: DL4J's input · mask and gradient · mask.
     */
    static void copyRunsDropped(ByteBuffer src, long srcBase, long srcI, long srcT, ByteBuffer dst, long dstBase,
                                long dstI, long dstT, int run, int n, int t0, int t1, DropoutMask drop,
                                boolean atSource) {
        int whole = run - run % LANES;
        VectorMask<Float> last = S.indexInRange(whole, run);
        for (int t = t0; t < t1; t++) {
            for (int i = 0; i < n; i++) {
                long from = srcBase + srcI * i + srcT * t;
                long to = dstBase + dstI * i + dstT * t;
                long k = atSource ? from : to;
                for (int b = 0; b < whole; b += LANES) {
                    store(load(src, from + b).mul(drop.at(k + b)), dst, to + b);
                }
                if (whole < run) {
                    FloatVector.fromByteBuffer(S, src, (int) ((from + whole) << 2), NO, last).mul(drop.at(k + whole))
                            .intoByteBuffer(dst, (int) ((to + whole) << 2), NO, last);
                }
            }
        }
    }

    /** Sets rows [from, to) of every (t, i) run to zero: the padding rows of a time-major buffer. */
    static void zeroRows(ByteBuffer dst, long dstI, long dstT, int from, int to, int n, int t0, int t1) {
        for (int t = t0; t < t1; t++) {
            for (int i = 0; i < n; i++) {
                long at = dstI * i + dstT * t;
                for (int b = from; b < to; b++) {
                    dst.putFloat((int) ((at + b) << 2), 0f);
                }
            }
        }
    }

    // ---------------------------------------------------------------- SimpleRnn

    /** h = mask · tanh(z + bias), in place over the step's pre-activations. */
    static void simpleForward(ByteBuffer zh, long base, int ld, int units, float[] bias, float[] mask, int maskBase,
                              int b0, int b1) {
        for (int j = 0; j < units; j++) {
            long col = base + (long) ld * j;
            float bj = bias[j];
            for (int b = b0; b < b1; b += LANES) {
                store(tanh(load(zh, col + b).add(bj)).mul(load(mask, maskBase + b)), zh, col + b);
            }
        }
    }

    /**
     * dz = mask · (eps + dhRec) · (1 − h²) for one step.
     *
     * @param eps   dL/dh from the layer above: this step's column j starts at epsBase + epsLd·j
     * @param dhRec dL/dh through the next step's recurrence ([stride, units], ld = recLd; zero at the last step)
     * @param step  a second copy of dz: column j of the slice at stepOrigin + stepLd·j (the next product's operand)
     */
    static void simpleBackward(ByteBuffer h, ByteBuffer eps, long epsBase, int epsLd, ByteBuffer dhRec, int recLd,
                               ByteBuffer dz, long base, int ld, int units, ByteBuffer step, long stepOrigin, int stepLd,
                               float[] mask, int maskBase, int b0, int b1) {
        for (int j = 0; j < units; j++) {
            long col = base + (long) ld * j;
            long epsCol = epsBase + (long) epsLd * j;
            long rec = (long) recLd * j;
            long stepCol = stepOrigin + (long) stepLd * j;
            for (int b = b0; b < b1; b += LANES) {
                FloatVector g = load(eps, epsCol + b).add(load(dhRec, rec + b)).mul(load(mask, maskBase + b));
                FloatVector hv = load(h, col + b);
                FloatVector d = g.mul(ONE.sub(hv.mul(hv)));
                store(d, dz, col + b);
                store(d, step, stepCol + b);
            }
        }
    }

    // ---------------------------------------------------------------- LSTM forward: passes over the step
    // (its memory stays in cache), each with at most one exp per loop body.

    /** Peephole LSTM: z_f += w_FF·c_{t-1}, z_i += w_GG·c_{t-1}. */
    static void peepholeInputs(ByteBuffer gates, ByteBuffer cellPrev, long prevBase, int prevLd, long base, int ld,
                               int units, float[] peep, float[] mask, int prevMaskBase, int b0, int b1) {
        long gOff = (long) ld * units;
        for (int j = 0; j < units; j++) {
            long col = base + (long) ld * j;
            long prevCol = prevBase + (long) prevLd * j;
            float wff = peep[j];
            float wgg = peep[2 * units + j];
            for (int b = b0; b < b1; b += LANES) {
                FloatVector cPrev = load(cellPrev, prevCol + b).mul(load(mask, prevMaskBase + b));
                store(load(gates, col + gOff + b).add(cPrev.mul(wff)), gates, col + gOff + b);
                store(load(gates, col + 3 * gOff + b).add(cPrev.mul(wgg)), gates, col + 3 * gOff + b);
            }
        }
    }

    /** Columns [c0, c1) of a step: z ← tanh(z + bias[j]). */
    static void tanhColumns(ByteBuffer bb, long base, int ld, int c0, int c1, float[] bias, int b0, int b1) {
        for (int j = c0; j < c1; j++) {
            long col = base + (long) ld * j;
            float bj = bias[j];
            for (int b = b0; b < b1; b += LANES) {
                store(tanh(load(bb, col + b).add(bj)), bb, col + b);
            }
        }
    }

    /** Columns [c0, c1) of a step: z ← σ(z + bias[j]). */
    static void sigmoidColumns(ByteBuffer bb, long base, int ld, int c0, int c1, float[] bias, int b0, int b1) {
        for (int j = c0; j < c1; j++) {
            long col = base + (long) ld * j;
            float bj = bias[j];
            for (int b = b0; b < b1; b += LANES) {
                store(sigmoid(load(bb, col + b).add(bj)), bb, col + b);
            }
        }
    }

    /**
     * c̃ = f·c_{t-1} + i·a into {@code cell}; z_o += w_OO·c̃ (peepholes; 0 without) for the output gate.
     * c_{t-1} is the previous pre-mask cell times the previous mask.
     */
    static void cellState(ByteBuffer gates, ByteBuffer cellPrev, long prevBase, int prevLd, ByteBuffer cell, long base,
                          int ld, int units, float[] peep, float[] mask, int prevMaskBase, int b0, int b1) {
        long gOff = (long) ld * units;
        for (int j = 0; j < units; j++) {
            long col = base + (long) ld * j;
            long prevCol = prevBase + (long) prevLd * j;
            float woo = peep == null ? 0f : peep[units + j];
            for (int b = b0; b < b1; b += LANES) {
                long ia = col + b;
                FloatVector cPrev = load(cellPrev, prevCol + b).mul(load(mask, prevMaskBase + b));
                FloatVector c = load(gates, ia + gOff).fma(cPrev, load(gates, ia + 3 * gOff).mul(load(gates, ia)));
                store(c, cell, ia);
                store(load(gates, ia + 2 * gOff).add(c.mul(woo)), gates, ia + 2 * gOff);
            }
        }
    }

    /** tanh(c̃) into {@code cellTanh} and h = mask · o·tanh(c̃) into {@code out}. */
    static void cellOutput(ByteBuffer gates, ByteBuffer cell, ByteBuffer cellTanh, ByteBuffer out, long base, int ld,
                           int units, float[] mask, int maskBase, int b0, int b1) {
        long gOff = (long) ld * units;
        for (int j = 0; j < units; j++) {
            long col = base + (long) ld * j;
            for (int b = b0; b < b1; b += LANES) {
                long ia = col + b;
                FloatVector tc = tanh(load(cell, ia));
                store(tc, cellTanh, ia);
                store(load(gates, ia + 2 * gOff).mul(tc).mul(load(mask, maskBase + b)), out, ia);
            }
        }
    }

    // ---------------------------------------------------------------- LSTM backward

    /**
     * One backward step, in two passes (one fused pass outgrew the JIT's budget and boxed its vectors).
     * From dL/dh (eps + dhRec) and dL/dc carried from the next step (dcCarry; dhRec and dcCarry are zero
     * at the last step): the gate gradients dz = [da | df | do | di] (pre-activation) into {@code dz}, and
     * dcCarry replaced by dL/dc_{t-1}. Peephole gradients (3·units) are added into {@code peepGrad} when
     * {@code peepholes}; without peepholes {@code peep} holds zeros. dz is also stored into {@code step} (column j of
     * the slice at stepOrigin + stepLd·j), the operand of the step's product dz·Rᵀ.
     */
    static void lstmBackward(ByteBuffer gates, ByteBuffer cell, ByteBuffer cellTanh, ByteBuffer cellPrev, long prevBase,
                             int prevLd, ByteBuffer eps, long epsBase, int epsLd, ByteBuffer dhRec, ByteBuffer dcCarry,
                             int recLd, ByteBuffer dz, long base, int ld, ByteBuffer step, long stepOrigin, int stepLd,
                             int units, float[] peep, float[] peepGrad, boolean peepholes, float[] mask, int maskBase,
                             int prevMaskBase, int b0, int b1) {
        lstmBackwardOutput(gates, cell, cellTanh, eps, epsBase, epsLd, dhRec, dcCarry, recLd, dz, base, ld, step,
                stepOrigin, stepLd, units, peep, peepGrad, peepholes, mask, maskBase, b0, b1);
        lstmBackwardInput(gates, cellPrev, prevBase, prevLd, dcCarry, recLd, dz, base, ld, step, stepOrigin, stepLd,
                units, peep, peepGrad, peepholes, mask, prevMaskBase, b0, b1);
    }

    /** dz_o and dL/dc̃ (left in dcCarry): dc̃ = m·carry + dh·o·(1 − tanh²c̃) + w_OO·dz_o, with dh = m·(eps + dhRec). */
    private static void lstmBackwardOutput(ByteBuffer gates, ByteBuffer cell, ByteBuffer cellTanh, ByteBuffer eps,
                                           long epsBase, int epsLd, ByteBuffer dhRec, ByteBuffer dcCarry, int recLd,
                                           ByteBuffer dz, long base, int ld, ByteBuffer step, long stepOrigin,
                                           int stepLd, int units, float[] peep, float[] peepGrad, boolean peepholes,
                                           float[] mask, int maskBase, int b0, int b1) {
        long gOff = (long) ld * units;
        long stepO = stepOrigin + 2L * stepLd * units;
        for (int j = 0; j < units; j++) {
            long col = base + (long) ld * j;
            long epsCol = epsBase + (long) epsLd * j;
            long rec = (long) recLd * j;
            long stepCol = stepO + (long) stepLd * j;
            float woo = peep[units + j];
            for (int b = b0; b < b1; b += LANES) {
                long ia = col + b;
                FloatVector mt = load(mask, maskBase + b);
                FloatVector dh = load(eps, epsCol + b).add(load(dhRec, rec + b)).mul(mt);
                FloatVector o = load(gates, ia + 2 * gOff);
                FloatVector tc = load(cellTanh, ia);
                FloatVector dzo = dh.mul(tc).mul(o).mul(ONE.sub(o));
                FloatVector dc = dh.mul(o).mul(ONE.sub(tc.mul(tc))).add(load(dcCarry, rec + b).mul(mt)).add(dzo.mul(woo));
                store(dzo, dz, ia + 2 * gOff);
                store(dzo, step, stepCol + b);
                store(dc, dcCarry, rec + b);
                if (peepholes) {
                    peepGrad[units + j] += dzo.mul(load(cell, ia)).reduceLanes(VectorOperators.ADD);
                }
            }
        }
    }

    /** dz_a, dz_f, dz_i from dL/dc̃ (in dcCarry), then dcCarry ← dL/dc_{t-1} = dc̃·f + w_FF·dz_f + w_GG·dz_i. */
    private static void lstmBackwardInput(ByteBuffer gates, ByteBuffer cellPrev, long prevBase, int prevLd,
                                          ByteBuffer dcCarry, int recLd, ByteBuffer dz, long base, int ld,
                                          ByteBuffer step, long stepOrigin, int stepLd, int units, float[] peep,
                                          float[] peepGrad, boolean peepholes, float[] mask, int prevMaskBase,
                                          int b0, int b1) {
        long gOff = (long) ld * units;
        long stepOff = (long) stepLd * units;
        for (int j = 0; j < units; j++) {
            long col = base + (long) ld * j;
            long prevCol = prevBase + (long) prevLd * j;
            long rec = (long) recLd * j;
            long stepCol = stepOrigin + (long) stepLd * j;
            float wff = peep[j];
            float wgg = peep[2 * units + j];
            for (int b = b0; b < b1; b += LANES) {
                long ia = col + b;
                FloatVector dc = load(dcCarry, rec + b);
                FloatVector a = load(gates, ia);
                FloatVector f = load(gates, ia + gOff);
                FloatVector i = load(gates, ia + 3 * gOff);
                FloatVector cPrev = load(cellPrev, prevCol + b).mul(load(mask, prevMaskBase + b));
                FloatVector dza = dc.mul(i).mul(ONE.sub(a.mul(a)));
                FloatVector dzi = dc.mul(a).mul(i).mul(ONE.sub(i));
                FloatVector dzf = dc.mul(cPrev).mul(f).mul(ONE.sub(f));
                store(dza, dz, ia);
                store(dzf, dz, ia + gOff);
                store(dzi, dz, ia + 3 * gOff);
                store(dza, step, stepCol + b);
                store(dzf, step, stepCol + stepOff + b);
                store(dzi, step, stepCol + 3 * stepOff + b);
                store(dc.mul(f).add(dzf.mul(wff)).add(dzi.mul(wgg)), dcCarry, rec + b);
                if (peepholes) {
                    peepGrad[j] += dzf.mul(cPrev).reduceLanes(VectorOperators.ADD);
                    peepGrad[2 * units + j] += dzi.mul(cPrev).reduceLanes(VectorOperators.ADD);
                }
            }
        }
    }
}
