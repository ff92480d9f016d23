package rnnsuite.model.fast;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The reference equations of the suite's own cells ({@link CellMath}), one class each. */
final class CellMaths {

    private CellMaths() {
    }

    private static INDArray cols(INDArray a, long from, long to) {
        return a.get(all(), interval(from, to));
    }

    /**
     * GRU, PyTorch's convention: r = σ(p_r + h R_r + b_hr), z = σ(p_z + h R_z + b_hz), n = tanh(p_n + r ⊙ (h R_n + b_hn)),
     * h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}; b = [b_i (3H) | b_h (3H)].
     */
    static final class Gru implements CellMath {
        @Override
        public INDArray[] forward(INDArray p, INDArray hPrev, INDArray rw, INDArray b, int u) {
            INDArray gh = hPrev.mmul(rw).addiRowVector(b.get(interval(0, 1), interval(3L * u, 6L * u)));
            INDArray r = Transforms.sigmoid(cols(p, 0, u).add(cols(gh, 0, u)), false);
            INDArray z = Transforms.sigmoid(cols(p, u, 2L * u).add(cols(gh, u, 2L * u)), false);
            INDArray hn = cols(gh, 2L * u, 3L * u).dup();
            INDArray n = Transforms.tanh(cols(p, 2L * u, 3L * u).add(r.mul(hn)), false);
            INDArray h = z.rsub(1).muli(n).addi(z.mul(hPrev));
            return new INDArray[] {r, z, n, hn, h};
        }

        @Override
        public Step backward(INDArray g, INDArray hPrev, INDArray[] a, INDArray rw, INDArray gR, INDArray gb, int u) {
            INDArray r = a[0], z = a[1], n = a[2], hn = a[3];
            INDArray dn = g.mul(z.rsub(1)).muli(n.mul(n).rsubi(1));
            INDArray dz = g.mul(hPrev.sub(n)).muli(z).muli(z.rsub(1));
            INDArray dr = dn.mul(hn).muli(r).muli(r.rsub(1));
            INDArray dgh = Nd4j.hstack(dr, dz, dn.mul(r));
            gR.addi(hPrev.transpose().mmul(dgh));
            gb.get(interval(0, 1), interval(3L * u, 6L * u)).addi(dgh.sum(true, 0));
            return new Step(Nd4j.hstack(dr, dz, dn), g.mul(z).addi(dgh.mmul(rw.transpose())));
        }
    }

    /** minGRU: z = σ(p_z), h̃ = p_h, h_t = (1 − z) ⊙ h_{t-1} + z ⊙ h̃. */
    static final class MinGru implements CellMath {
        @Override
        public INDArray[] forward(INDArray p, INDArray hPrev, INDArray rw, INDArray b, int u) {
            INDArray z = Transforms.sigmoid(cols(p, 0, u).dup(), false);
            INDArray cand = cols(p, u, 2L * u).dup();
            return new INDArray[] {z, cand, z.rsub(1).muli(hPrev).addi(z.mul(cand))};
        }

        @Override
        public Step backward(INDArray g, INDArray hPrev, INDArray[] a, INDArray rw, INDArray gR, INDArray gb, int u) {
            INDArray z = a[0], cand = a[1];
            INDArray dz = g.mul(cand.sub(hPrev)).muli(z).muli(z.rsub(1));
            return new Step(Nd4j.hstack(dz, g.mul(z)), g.mul(z.rsub(1)));
        }
    }

    /** minLSTM: f = σ(p_f), i = σ(p_i), h̃ = p_h, f' = f/(f + i), i' = i/(f + i), h_t = f' ⊙ h_{t-1} + i' ⊙ h̃. */
    static final class MinLstm implements CellMath {
        @Override
        public INDArray[] forward(INDArray p, INDArray hPrev, INDArray rw, INDArray b, int u) {
            INDArray f = Transforms.sigmoid(cols(p, 0, u).dup(), false);
            INDArray i = Transforms.sigmoid(cols(p, u, 2L * u).dup(), false);
            INDArray cand = cols(p, 2L * u, 3L * u).dup();
            INDArray sum = f.add(i);
            INDArray fn = f.div(sum);
            INDArray in = i.div(sum);
            return new INDArray[] {f, i, cand, fn, in, fn.mul(hPrev).addi(in.mul(cand))};
        }

        @Override
        public Step backward(INDArray g, INDArray hPrev, INDArray[] a, INDArray rw, INDArray gR, INDArray gb, int u) {
            INDArray f = a[0], i = a[1], cand = a[2], fn = a[3], in = a[4];
            // q = (dL/df' − dL/di')·f'·i'; then dL/dz_f = q(1 − f), dL/dz_i = −q(1 − i)
            INDArray q = g.mul(hPrev.sub(cand)).muli(fn).muli(in);
            return new Step(Nd4j.hstack(q.mul(f.rsub(1)), q.mul(i.rsub(1)).negi(), g.mul(in)), g.mul(fn));
        }
    }

    /** IndRNN: h_t = relu(p + u ⊙ h_{t-1}), u (RW, [1, H]) one recurrent weight per unit. */
    static final class IndRnn implements CellMath {
        @Override
        public INDArray[] forward(INDArray p, INDArray hPrev, INDArray rw, INDArray b, int u) {
            INDArray z = p.add(hPrev.mulRowVector(rw));
            return new INDArray[] {z, Transforms.relu(z, true)};
        }

        @Override
        public Step backward(INDArray g, INDArray hPrev, INDArray[] a, INDArray rw, INDArray gR, INDArray gb, int u) {
            INDArray dz = g.mul(a[0].gt(0).castTo(g.dataType()));
            gR.addi(dz.mul(hPrev).sum(true, 0));
            return new Step(dz, dz.mulRowVector(rw));
        }
    }
}
