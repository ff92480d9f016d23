package rnnsuite.model.fast;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The {@link RecurrentCell} equations written out step by step in ND4J operations, in the network's data
 * type: the readable statement of each cell and its backward pass, which DL4J's numerical gradient check
 * verifies in double precision and the fast layers are tested against. Used for DOUBLE networks, on a JVM
 * without the Vector API and on CUDA; about as fast as DL4J's own per-step layers.
 */
final class ReferenceCellLayer extends RecurrentLayerBase<RecurrentCell> {

    /** Per step: the layer input x_t, the state h_{t-1} it read, and the cell's activations. */
    private record Step(INDArray x, INDArray hPrev, INDArray[] acts, INDArray mask) {
    }

    private List<Step> kept;
    private INDArray keptFor;

    ReferenceCellLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private RecurrentCell.Kind kind() {
        return layerConf().getKind();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray in = input.castTo(dataType);
        long batch = in.size(0);
        long steps = in.size(2);
        int units = (int) layerConf().getNOut();
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, dataType, new long[] {batch, units, steps}, 'f');
        List<Step> record = new ArrayList<>((int) steps);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray w = getParamWithNoise(RecurrentCellParams.W, training, workspaceMgr).dup();
            INDArray b = getParamWithNoise(RecurrentCellParams.B, training, workspaceMgr).dup().reshape(1, -1);
            INDArray rw = kind() == RecurrentCell.Kind.GRU ? getParamWithNoise(RecurrentCellParams.RW, training, workspaceMgr).dup() : null;
            INDArray h = Nd4j.zeros(dataType, batch, units);
            for (int t = 0; t < steps; t++) {
                INDArray x = in.get(all(), all(), point(t)).dup();
                INDArray m = maskArray == null ? null : maskArray.get(all(), point(t)).castTo(dataType).reshape(batch, 1).dup();
                INDArray[] acts = step(x, h, w, rw, b, units);
                INDArray next = acts[acts.length - 1];
                if (m != null) {
                    next.muliColumnVector(m);
                }
                record.add(new Step(x, h, acts, m));
                h = next;
                out.get(all(), all(), point(t)).assign(h);
            }
        }
        kept = training ? record : null;
        keptFor = training ? input : null;
        return out;
    }

    /** One step's activations; the last entry is the new state before masking. */
    private INDArray[] step(INDArray x, INDArray hPrev, INDArray w, INDArray rw, INDArray b, int u) {
        INDArray p = x.mmul(w).addiRowVector(b.get(interval(0, 1), interval(0, w.size(1))));
        switch (kind()) {
            case GRU -> {
                INDArray gh = hPrev.mmul(rw).addiRowVector(b.get(interval(0, 1), interval(3L * u, 6L * u)));
                INDArray r = Transforms.sigmoid(p.get(all(), interval(0, u)).add(gh.get(all(), interval(0, u))), false);
                INDArray z = Transforms.sigmoid(p.get(all(), interval(u, 2 * u)).add(gh.get(all(), interval(u, 2 * u))), false);
                INDArray hn = gh.get(all(), interval(2 * u, 3 * u)).dup();
                INDArray n = Transforms.tanh(p.get(all(), interval(2 * u, 3 * u)).add(r.mul(hn)), false);
                INDArray h = z.rsub(1).muli(n).addi(z.mul(hPrev));
                return new INDArray[] {r, z, n, hn, h};
            }
            case MIN_GRU -> {
                INDArray z = Transforms.sigmoid(p.get(all(), interval(0, u)).dup(), false);
                INDArray cand = p.get(all(), interval(u, 2 * u)).dup();
                INDArray h = z.rsub(1).muli(hPrev).addi(z.mul(cand));
                return new INDArray[] {z, cand, h};
            }
            default -> { // MIN_LSTM
                INDArray f = Transforms.sigmoid(p.get(all(), interval(0, u)).dup(), false);
                INDArray i = Transforms.sigmoid(p.get(all(), interval(u, 2 * u)).dup(), false);
                INDArray cand = p.get(all(), interval(2 * u, 3 * u)).dup();
                INDArray sum = f.add(i);
                INDArray fn = f.div(sum);
                INDArray in = i.div(sum);
                INDArray h = fn.mul(hPrev).addi(in.mul(cand));
                return new INDArray[] {f, i, cand, fn, in, h};
            }
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (kept == null || keptFor != input) {
            activate(true, workspaceMgr);
        }
        List<Step> record = kept;
        kept = null;
        keptFor = null;
        int units = (int) layerConf().getNOut();
        long batch = input.size(0);
        long nIn = input.size(1);
        int steps = record.size();
        INDArray dxAll = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, new long[] {batch, nIn, steps}, 'f');
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray eps = epsilon.castTo(dataType);
            INDArray w = getParam(RecurrentCellParams.W).dup();
            INDArray rw = kind() == RecurrentCell.Kind.GRU ? getParam(RecurrentCellParams.RW).dup() : null;
            INDArray gW = Nd4j.zeros(dataType, w.shape());
            INDArray gR = rw == null ? null : Nd4j.zeros(dataType, rw.shape());
            INDArray gb = Nd4j.zeros(dataType, 1, kind().biasBlocks * (long) units);
            INDArray dhNext = Nd4j.zeros(dataType, batch, units);
            for (int t = steps - 1; t >= 0; t--) {
                Step s = record.get(t);
                INDArray g = eps.get(all(), all(), point(t)).add(dhNext);
                if (s.mask() != null) {
                    g.muliColumnVector(s.mask());
                }
                INDArray[] a = s.acts();
                INDArray dp; // dL/d(x W + b), [batch, width of W]
                switch (kind()) {
                    case GRU -> {
                        INDArray r = a[0], z = a[1], n = a[2], hn = a[3];
                        INDArray dn = g.mul(z.rsub(1)).muli(n.mul(n).rsubi(1));
                        INDArray dz = g.mul(s.hPrev().sub(n)).muli(z).muli(z.rsub(1));
                        INDArray dr = dn.mul(hn).muli(r).muli(r.rsub(1));
                        dp = Nd4j.hstack(dr, dz, dn);
                        INDArray dgh = Nd4j.hstack(dr, dz, dn.mul(r));
                        gR.addi(s.hPrev().transpose().mmul(dgh));
                        gb.get(interval(0, 1), interval(3L * units, 6L * units)).addi(dgh.sum(true, 0));
                        dhNext = g.mul(z).addi(dgh.mmul(rw.transpose()));
                    }
                    case MIN_GRU -> {
                        INDArray z = a[0], cand = a[1];
                        INDArray dz = g.mul(cand.sub(s.hPrev())).muli(z).muli(z.rsub(1));
                        dp = Nd4j.hstack(dz, g.mul(z));
                        dhNext = g.mul(z.rsub(1));
                    }
                    default -> { // MIN_LSTM
                        INDArray f = a[0], i = a[1], cand = a[2], fn = a[3], in = a[4];
                        // q = (dL/df' − dL/di')·f'·i'; then dL/dz_f = q(1 − f), dL/dz_i = −q(1 − i)
                        INDArray q = g.mul(s.hPrev().sub(cand)).muli(fn).muli(in);
                        dp = Nd4j.hstack(q.mul(f.rsub(1)), q.mul(i.rsub(1)).negi(), g.mul(in));
                        dhNext = g.mul(fn);
                    }
                }
                gW.addi(s.x().transpose().mmul(dp));
                gb.get(interval(0, 1), interval(0, dp.size(1))).addi(dp.sum(true, 0));
                dxAll.get(all(), all(), point(t)).assign(dp.mmul(w.transpose()));
            }
            gradientViews.get(RecurrentCellParams.W).assign(gW);
            if (gR != null) {
                gradientViews.get(RecurrentCellParams.RW).assign(gR);
            }
            gradientViews.get(RecurrentCellParams.B).assign(gb.reshape(gradientViews.get(RecurrentCellParams.B).shape()));
        }
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        for (String key : gradientViews.keySet()) {
            gradient.gradientForVariable().put(key, gradientViews.get(key));
        }
        INDArray epsOut = backpropDropOutIfPresent(dxAll);
        weightNoiseParams.clear();
        return new Pair<>(gradient, epsOut);
    }
}
