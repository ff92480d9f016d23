package rnnsuite.model.fast;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.AbstractLSTM;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A configuration wrapper: "train this DL4J recurrent layer with the fast implementation". The wrapped
 * {@code SimpleRnn}, {@code LSTM} or {@code GravesLSTM} keeps its parameters, initialisation, dropout and
 * updater, so a network differs from the stock one only in how the cell is computed, and parameters move
 * freely between the two. Supported: tanh activation, sigmoid gates, NCW data, no layer norm; anything else is
 * refused when the network is built. Weight noise is DL4J's: each training step's noisy weights serve its forward and
 * backward pass.
 *
 * <p>The kernels use the JDK's Vector API, so the JVM needs {@code --add-modules jdk.incubator.vector}
 * ({@link #available()} says whether it has it).
 */
public class FastRecurrent extends BaseWrapperLayer {

    public static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** For JSON deserialisation. */
    public FastRecurrent() {
    }

    public FastRecurrent(Layer underlying) {
        super(underlying);
        if (Cell.dl4j(underlying.getClass()) == null) {
            throw new IllegalArgumentException("the fast implementation covers " + Cell.dl4jNames() + ", not "
                    + underlying.getClass().getSimpleName());
        }
        this.layerName = underlying.getLayerName();
    }

    /** Whether this JVM can run the fast layers (it was started with --add-modules jdk.incubator.vector). */
    public static boolean available() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /**
     * Gives every fast recurrent layer of {@code net} {@code threads} threads (each starts with the process's
     * default, {@code -Drnnsuite.threads} or one per processor). The numbers do not depend on it.
     */
    public static void useThreads(org.deeplearning4j.nn.multilayer.MultiLayerNetwork net, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            org.deeplearning4j.nn.api.Layer inner = layer;
            while (inner instanceof org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer wrapper) {
                inner = wrapper.getUnderlying();
            }
            if (inner instanceof FastRecurrentLayer<?> fast) {
                fast.threads = threads;
            }
        }
    }

    /**
     * Whether the first layer of {@code net}, when it is a fast recurrent layer fed without a preprocessor, forms
     * dL/dinput in its backward pass; returns the setting before. DL4J asks every layer for its input gradient and
     * drops the first layer's when it trains (PyTorch never forms it for an input that needs no gradient): one of
     * that layer's two to four backward products. The parameters' gradients do not depend on it. Without it the
     * network's input gradient ({@code calculateGradients}) is null, so a caller that reads it turns it on first.
     */
    public static boolean inputGradient(org.deeplearning4j.nn.multilayer.MultiLayerNetwork net, boolean wanted) {
        if (net.getnLayers() == 0 || net.getLayerWiseConfigurations().getInputPreProcess(0) != null) {
            return true;
        }
        org.deeplearning4j.nn.api.Layer inner = net.getLayer(0);
        while (inner instanceof org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer wrapper) {
            inner = wrapper.getUnderlying();
        }
        if (!(inner instanceof FastRecurrentLayer<?> fast)) {
            return true;
        }
        boolean before = fast.inputGradient;
        fast.inputGradient = wanted;
        return before;
    }

    /** Floats per vector in the kernels (16 with AVX-512, 8 with AVX2); call only when {@link #available()}. */
    public static int lanes() {
        return Kernels.LANES;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int layerIndex, INDArray paramsView, boolean initializeParams,
                                                       DataType networkDataType) {
        if (!available()) {
            throw new IllegalStateException("the fast recurrent layers need the JVM option --add-modules " + VECTOR_MODULE
                    + " (set in .mvn/jvm.config and the surefire argLine); add it, or build with impl: stock");
        }
        if (networkDataType != DataType.FLOAT) {
            throw new IllegalArgumentException("the fast recurrent layers train in FLOAT, not " + networkDataType);
        }
        validate(underlying);
        NeuralNetConfiguration inner = conf.clone();
        inner.setLayer(underlying);
        FastRecurrentLayer<?> layer = Cell.dl4j(underlying.getClass()).fastLayer().create(inner, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        Map<String, INDArray> params = underlying.initializer().init(inner, paramsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(inner);
        return layer;
    }

    private static void validate(Layer layer) {
        BaseRecurrentLayer r = (BaseRecurrentLayer) layer;
        if (!(r.getActivationFn() instanceof ActivationTanH)) {
            throw new IllegalArgumentException("the fast recurrent layers use tanh activation, got " + r.getActivationFn());
        }
        if (layer instanceof AbstractLSTM lstm && !(lstm.getGateActivationFn() instanceof ActivationSigmoid)) {
            throw new IllegalArgumentException("the fast LSTM uses sigmoid gates, got " + lstm.getGateActivationFn());
        }
        if (layer instanceof SimpleRnn s && s.hasLayerNorm()) {
            throw new IllegalArgumentException("the fast SimpleRnn has no layer normalisation");
        }
        if (r.getRnnDataFormat() != RNNFormat.NCW) {
            throw new IllegalArgumentException("the fast recurrent layers take NCW data, got " + r.getRnnDataFormat());
        }
    }
}
