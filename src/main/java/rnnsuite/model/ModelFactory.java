package rnnsuite.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.weightnoise.WeightNoise;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import rnnsuite.model.fast.FastRecurrent;
import rnnsuite.model.fast.GateLayout;
import rnnsuite.model.fast.RecurrentCell;

/**
 * The one factory every experiment builds its network with, so the variants differ only in the cell:
 *
 * <pre>
 * embedding(vocab → E) → rnn(H) → [dropout] → rnn(H) → [dropout] → rnn(H), last step → [dropout] → softmax(classes)
 * </pre>
 * or, for a per-step task, every step of the last layer into a per-step softmax (or a sigmoid per label):
 * <pre>
 * ... → rnn(H) → [dropout] → softmax(classes) at every step
 * </pre>
 * (with feature-vector input the embedding is left out; a regression head is identity + MSE). With {@link Impl#FAST} each recurrent layer is
 * wrapped in {@link FastRecurrent}: same layer, same parameters, computed by rnnsuite.model.fast.
 *
 * <p>Dropout: Keras' {@code Dropout(rate)} after a recurrent layer drops that layer's outputs. DL4J's
 * {@code dropOut(p)} acts on a layer's <em>input</em> and takes the <em>retain</em> probability, so the
 * dropout after recurrent layer i is {@code dropOut(1 - rate)} on layer i+1 (the next recurrent layer,
 * or the softmax layer after the last one). The first recurrent layer reads the embedding undropped.
 *
 * <p>Initialisation follows Keras' defaults: Glorot-uniform input weights, orthogonal recurrent weights
 * ({@link OrthogonalInit}), zero biases with forget-gate bias 1 (or {@link ForgetBias}: another constant, or
 * chrono initialisation), embedding uniform in ±0.05.
 */
public final class ModelFactory {

    private ModelFactory() {
    }

    /**
     * @param input  token ids (through an embedding) or feature vectors
     * @param output a softmax over classes or a regression head
     * @param seed   weight-initialisation and dropout seed
     */
    public static MultiLayerConfiguration build(Variant variant, ModelSpec spec, Input input, Output output, long seed) {
        return build(variant, spec, input, output, seed, 0);
    }

    /**
     * The same for sequences of {@code steps} steps (an IndRNN bounds its recurrent weights by it; 0: unknown). A spec
     * with a parameter budget gets the units that meet it ({@link ModelSpec#sized}).
     */
    public static MultiLayerConfiguration build(Variant variant, ModelSpec spec, Input input, Output output, long seed, int steps) {
        spec = spec.sized(variant.cell(), input, output);
        NeuralNetConfiguration.Builder global = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(spec.updateRule().updater(spec.learningRate()))
                .weightInit(WeightInit.XAVIER_UNIFORM);
        if (spec.weightNoiseStd() > 0) {
            // DL4J's weight noise: drawn for each training step from the thread's generator, on the recurrent and output
            // layers' weight matrices (not the biases; DL4J's embedding layer reads its weights without it), kept for that
            // step's backward pass; evaluation reads the noiseless weights.
            global.weightNoise(new WeightNoise(new NormalDistribution(0, spec.weightNoiseStd()), false, true));
        }
        if (spec.gradientClipping().enabled()) {
            global.gradientNormalization(spec.gradientClipping().dl4j())
                    .gradientNormalizationThreshold(spec.gradientClipping().threshold());
        }
        NeuralNetConfiguration.ListBuilder list = global.list();

        int nIn;
        if (input instanceof Input.Tokens tokens) {
            list.layer(new EmbeddingSequenceLayer.Builder()
                    .nIn(tokens.vocabularySize())
                    .nOut(spec.embeddingSize())
                    .activation(Activation.IDENTITY)
                    .weightInit(new WeightInitDistribution(new UniformDistribution(-0.05, 0.05)))
                    .build());
            nIn = spec.embeddingSize();
        } else {
            nIn = ((Input.Vectors) input).features();
        }

        boolean fast = spec.impl().effective() == Impl.FAST;
        for (int i = 0; i < spec.layers(); i++) {
            BaseRecurrentLayer.Builder<?> cell = variant.layerBuilder(spec, fast, steps).nIn(nIn).nOut(spec.units())
                    .activation(Activation.TANH).weightInitRecurrent(new OrthogonalInit());
            if (i > 0) {
                withDropoutBefore(cell, spec.dropout());
            }
            Layer built = cell.build();
            // DL4J's own cells are wrapped to run fast; the suite's RecurrentCell picks its computation itself.
            Layer layer = fast && !(built instanceof RecurrentCell) ? new FastRecurrent(built) : built;
            // Keras' last recurrent layer returns only its final output; LastTimeStep picks the last unmasked step.
            // A per-step task keeps every step.
            list.layer(i == spec.layers() - 1 && !output.perStep() ? new LastTimeStep(layer) : layer);
            nIn = spec.units();
        }

        BaseOutputLayer.Builder<?> out;
        if (output instanceof Output.Classes classes) {
            out = new OutputLayer.Builder(LossFunction.MCXENT).nOut(classes.count()).activation(Activation.SOFTMAX);
        } else if (output instanceof Output.Regression values) {
            out = new OutputLayer.Builder(LossFunction.MSE).nOut(values.values()).activation(Activation.IDENTITY);
        } else if (output instanceof Output.StepClasses classes) {
            out = new RnnOutputLayer.Builder(LossFunction.MCXENT).nOut(classes.count()).activation(Activation.SOFTMAX)
                    .dataFormat(RNNFormat.NCW);
        } else {
            out = new RnnOutputLayer.Builder(LossFunction.XENT).nOut(((Output.StepLabels) output).count())
                    .activation(Activation.SIGMOID).dataFormat(RNNFormat.NCW);
        }
        out.nIn(spec.units());
        withDropoutBefore(out, spec.dropout());
        list.layer(out.build());
        if (input instanceof Input.Vectors vectors) {
            list.setInputType(InputType.recurrent(vectors.features()));
        }
        return list.build();
    }

    /**
     * A network of this factory's configuration, initialised: DL4J's initialisation (Keras' conventions), PyTorch's
     * in its place when the spec asks ({@link Initialisation}), then chrono
     * initialisation of the forget gates when the spec asks for it (DL4J's layers only take a constant).
     * Every network a run trains is made here, so stock and fast layers start from the same numbers. A fast first
     * layer skips the input gradient that training never reads ({@link FastRecurrent#inputGradient}).
     */
    public static MultiLayerNetwork network(MultiLayerConfiguration conf, ModelSpec spec, long seed) {
        return network(conf, spec, seed, rnnsuite.runtime.Natives.threads());
    }

    /** The same with {@code threads} threads for the fast layers (the numbers do not depend on it). */
    public static MultiLayerNetwork network(MultiLayerConfiguration conf, ModelSpec spec, long seed, int threads) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        spec.initialisation().applyTo(net, seed, Variant::layoutOf, spec.forgetBias(), spec.updateBias());
        spec.forgetGate().applyTo(net, seed, GateLayout.Keep.FORGET, Variant::layoutOf);
        spec.updateGate().applyTo(net, seed, GateLayout.Keep.UPDATE, Variant::layoutOf);
        FastRecurrent.useThreads(net, threads);
        FastRecurrent.inputGradient(net, false);
        return net;
    }

    /** Keras' Dropout(rate) after the previous layer = DL4J input dropout with retain probability 1 - rate. */
    private static void withDropoutBefore(Layer.Builder<?> layer, double rate) {
        if (rate > 0) {
            layer.dropOut(1.0 - rate);
        }
    }
}
