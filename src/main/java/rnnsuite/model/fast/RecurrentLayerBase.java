package rnnsuite.model.fast;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every recurrent layer of this package answers the same way: whole sequences only (no stateful
 * step-by-step inference, no truncated BPTT), no layerwise pretraining.
 */
abstract class RecurrentLayerBase<C extends org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer>
        extends BaseRecurrentLayer<C> {

    RecurrentLayerBase(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Gradient gradient() {
        throw new UnsupportedOperationException("not supported by recurrent layers (no layerwise pretraining): " + layerId());
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        throw unsupported("rnnTimeStep (stateful step-by-step inference)");
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        throw unsupported("truncated BPTT");
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength, LayerWorkspaceMgr workspaceMgr) {
        throw unsupported("truncated BPTT");
    }

    private UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("the suite's recurrent layers (" + getClass().getSimpleName()
                + ") do not support " + what + "; train on whole sequences (DL4J's own SimpleRnn/LSTM with impl: stock have it)");
    }
}
