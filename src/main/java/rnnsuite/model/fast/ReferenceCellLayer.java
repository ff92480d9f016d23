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
final class ReferenceCellLayer extends RecurrentLayerBase<org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer> {

    /** Per step: the layer input x_t, the state h_{t-1} it read, and the cell's activations. */
    private record Step(INDArray x, INDArray hPrev, INDArray[] acts, INDArray mask) {
    }

    private List<Step> kept;
    private INDArray keptFor;

    private final CellMath math;
    private final GateLayout layout;

    ReferenceCellLayer(NeuralNetConfiguration conf, DataType dataType, CellMath math, GateLayout layout) {
        super(conf, dataType);
        this.math = math;
        this.layout = layout;
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
            INDArray rw = layout.hasRecurrentWeights() ? getParamWithNoise(RecurrentCellParams.RW, training, workspaceMgr).dup() : null;
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
        return math.forward(p, hPrev, rw, b, u);
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
            // the weights the forward pass read: with weight noise, this step's noisy copies
            INDArray w = getParamWithNoise(RecurrentCellParams.W, true, workspaceMgr).dup();
            INDArray rw = layout.hasRecurrentWeights() ? getParamWithNoise(RecurrentCellParams.RW, true, workspaceMgr).dup() : null;
            INDArray gW = Nd4j.zeros(dataType, w.shape());
            INDArray gR = rw == null ? null : Nd4j.zeros(dataType, rw.shape());
            INDArray gb = Nd4j.zeros(dataType, 1, layout.biasBlocks() * (long) units);
            INDArray dhNext = Nd4j.zeros(dataType, batch, units);
            for (int t = steps - 1; t >= 0; t--) {
                Step s = record.get(t);
                INDArray g = eps.get(all(), all(), point(t)).add(dhNext);
                if (s.mask() != null) {
                    g.muliColumnVector(s.mask());
                }
                CellMath.Step back = math.backward(g, s.hPrev(), s.acts(), rw, gR, gb, units);
                INDArray dp = back.dp(); // dL/d(x W + b), [batch, width of W]
                dhNext = back.dhPrev();
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
