package rnnsuite.model.fast;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Parameters of a {@link RecurrentCell}, in DL4J's layout after the kind's {@link GateLayout}: W [nIn, k·H], RW
 * ([H, r·H] for a recurrent matrix, [1, H] for per-unit recurrent weights; none for the min cells) and b [1, m·H],
 * all views of the layer's flat parameter array, column-major. W is drawn by the layer's weight initialiser with
 * fan-in nIn and fan-out k·H (Keras' Glorot on the whole kernel), a recurrent matrix by the recurrent initialiser,
 * per-unit recurrent weights (IndRNN) uniform in [0, bound); biases start at zero, the gate that keeps the state at
 * its forget- or update-gate bias.
 */
final class RecurrentCellParams implements ParamInitializer {

    static final String W = "W";
    static final String RW = "RW";
    static final String B = "b";

    private final GateLayout layout;
    private final double forgetBias;
    private final double updateBias;
    private final double recurrentBound;

    /** A cell's parameters: its layout, the constant biases of its keeping gate and the bound of per-unit recurrent weights. */
    RecurrentCellParams(GateLayout layout, double forgetBias, double updateBias, double recurrentBound) {
        this.layout = layout;
        this.forgetBias = forgetBias;
        this.updateBias = updateBias;
        this.recurrentBound = recurrentBound;
    }

    private static BaseRecurrentLayer cell(Layer layer) {
        return (BaseRecurrentLayer) layer;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        BaseRecurrentLayer c = cell(layer);
        return layout.parameters((int) c.getNIn(), (int) c.getNOut());
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return layout.hasRecurrentWeights() ? List.of(W, RW, B) : List.of(W, B);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return layout.hasRecurrentWeights() ? List.of(W, RW) : List.of(W);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(B);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return weightKeys(layer).contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return B.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        BaseRecurrentLayer c = cell(conf.getLayer());
        Map<String, INDArray> m = views(c, paramsView);
        if (initializeParams) {
            long nIn = c.getNIn();
            long h = c.getNOut();
            GateLayout k = layout;
            c.getWeightInitFn().init(nIn, k.inputBlocks() * h, new long[] {nIn, k.inputBlocks() * h}, 'f', m.get(W));
            if (k.recurrentBlocks() > 0) {
                var init = c.getWeightInitFnRecurrent() != null ? c.getWeightInitFnRecurrent() : c.getWeightInitFn();
                init.init(h, k.recurrentBlocks() * h, new long[] {h, k.recurrentBlocks() * h}, 'f', m.get(RW));
            } else if (k.unitVectors() > 0) {
                double bound = recurrentBound > 0 ? recurrentBound : 1;
                m.get(RW).assign(Nd4j.rand(m.get(RW).dataType(), m.get(RW).shape()).muli(bound));
            }
            m.get(B).assign(0);
            double keep = switch (k.keep()) {
                case NONE -> 0;
                case FORGET -> forgetBias;
                case UPDATE -> updateBias;
            };
            if (keep != 0) {
                m.get(B).get(point(0), interval(k.keepBlock() * h, (k.keepBlock() + 1) * h)).assign(k.keepNegated() ? -keep : keep);
            }
        }
        for (String key : m.keySet()) {
            conf.addVariable(key);
        }
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(cell(conf.getLayer()), gradientView);
    }

    /** W, RW (when the cell has recurrent weights) and b as column-major views of the flat array, in that order. */
    private Map<String, INDArray> views(BaseRecurrentLayer c, INDArray flat) {
        long nIn = c.getNIn();
        long h = c.getNOut();
        GateLayout k = layout;
        Map<String, INDArray> m = new LinkedHashMap<>();
        long pos = 0;
        long wLen = nIn * k.inputBlocks() * h;
        m.put(W, slice(flat, pos, wLen).reshape('f', nIn, k.inputBlocks() * h));
        pos += wLen;
        if (k.recurrentBlocks() > 0) {
            long rLen = h * k.recurrentBlocks() * h;
            m.put(RW, slice(flat, pos, rLen).reshape('f', h, k.recurrentBlocks() * h));
            pos += rLen;
        } else if (k.unitVectors() > 0) {
            long rLen = k.unitVectors() * h;
            m.put(RW, slice(flat, pos, rLen).reshape('f', 1, rLen));
            pos += rLen;
        }
        m.put(B, slice(flat, pos, k.biasBlocks() * h).reshape('f', 1, k.biasBlocks() * h));
        return m;
    }

    /** Entries [from, from + length) of DL4J's flat parameter (or gradient) view, a row or a vector. */
    private static INDArray slice(INDArray flat, long from, long length) {
        return flat.rank() == 2 ? flat.get(point(0), interval(from, from + length)) : flat.get(interval(from, from + length));
    }
}
