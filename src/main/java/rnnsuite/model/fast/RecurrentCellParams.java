package rnnsuite.model.fast;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Parameters of a {@link RecurrentCell}, in DL4J's layout: W [nIn, k·H], RW [H, 3H] (GRU only) and b [1, m·H],
 * all views of the layer's flat parameter array, column-major. W is drawn by the layer's weight
 * initialiser with fan-in nIn and fan-out k·H (Keras' Glorot on the whole kernel), RW by the recurrent
 * initialiser; biases start at zero, the minLSTM's forget block at its forget-gate bias.
 */
final class RecurrentCellParams implements ParamInitializer {

    static final RecurrentCellParams INSTANCE = new RecurrentCellParams();

    static final String W = "W";
    static final String RW = "RW";
    static final String B = "b";

    private RecurrentCellParams() {
    }

    private static RecurrentCell cell(Layer layer) {
        return (RecurrentCell) layer;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        RecurrentCell c = cell(layer);
        long h = c.getNOut();
        RecurrentCell.Kind k = c.getKind();
        return c.getNIn() * k.inputBlocks * h + h * k.recurrentBlocks * h + k.biasBlocks * h;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return cell(layer).getKind().recurrentBlocks > 0 ? List.of(W, RW, B) : List.of(W, B);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return cell(layer).getKind().recurrentBlocks > 0 ? List.of(W, RW) : List.of(W);
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
        RecurrentCell c = cell(conf.getLayer());
        Map<String, INDArray> m = views(c, paramsView);
        if (initializeParams) {
            long nIn = c.getNIn();
            long h = c.getNOut();
            RecurrentCell.Kind k = c.getKind();
            c.getWeightInitFn().init(nIn, k.inputBlocks * h, new long[] {nIn, k.inputBlocks * h}, 'f', m.get(W));
            if (k.recurrentBlocks > 0) {
                var init = c.getWeightInitFnRecurrent() != null ? c.getWeightInitFnRecurrent() : c.getWeightInitFn();
                init.init(h, k.recurrentBlocks * h, new long[] {h, k.recurrentBlocks * h}, 'f', m.get(RW));
            }
            m.get(B).assign(0);
            if (k == RecurrentCell.Kind.MIN_LSTM) {
                m.get(B).get(point(0), interval(0, h)).assign(c.getForgetGateBiasInit());
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

    /** W, RW (GRU) and b as column-major views of the flat array, in that order. */
    private static Map<String, INDArray> views(RecurrentCell c, INDArray flat) {
        long nIn = c.getNIn();
        long h = c.getNOut();
        RecurrentCell.Kind k = c.getKind();
        Map<String, INDArray> m = new LinkedHashMap<>();
        long pos = 0;
        long wLen = nIn * k.inputBlocks * h;
        m.put(W, slice(flat, pos, wLen).reshape('f', nIn, k.inputBlocks * h));
        pos += wLen;
        if (k.recurrentBlocks > 0) {
            long rLen = h * k.recurrentBlocks * h;
            m.put(RW, slice(flat, pos, rLen).reshape('f', h, k.recurrentBlocks * h));
            pos += rLen;
        }
        m.put(B, slice(flat, pos, k.biasBlocks * h).reshape('f', 1, k.biasBlocks * h));
        return m;
    }

    /** Entries [from, from + length) of DL4J's flat parameter (or gradient) view, a row or a vector. */
    private static INDArray slice(INDArray flat, long from, long length) {
        return flat.rank() == 2 ? flat.get(point(0), interval(from, from + length)) : flat.get(interval(from, from + length));
    }
}
