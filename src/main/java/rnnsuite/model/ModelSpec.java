package rnnsuite.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import rnnsuite.model.fast.Cell;

/**
 * The shared stack's hyper-parameters, defaulting to the classic model: 3 recurrent layers of 128
 * units, dropout 0.5 after each, Adam with learning rate 1e-3; a learned embedding of 100 dimensions
 * feeds the first layer.
 *
 * @param dropout the Keras-style drop rate of the Dropout after each recurrent layer (0 turns it off)
 * @param impl    how the recurrent layers are computed (default {@code fast}; same model either way)
 * @param gradientClipping gradient clipping (default none, as in the seed)
 * @param input   text datasets: a learned embedding (default) or word2vec vectors per token
 * @param word2vecPath word vectors to load (word2vec text or binary format); unset: train them on the
 *                training split with {@code embedding_size} dimensions
 * @param forgetBias the gated cells' forget-gate bias ({@link ForgetBias}); null stands for the default
 *                constant 1 and is left out of the JSON, so run ids from before the option stay the same
 * @param updateBias the GRU's and minGRU's update-gate bias, how strongly it keeps the state ({@link ForgetBias});
 *                null stands for the default 0 (Keras, PyTorch) and is left out of the JSON
 * @param params  the whole network's parameters, which then fix the units per cell and data ({@link #sized}); with it
 *                {@code units} stays null until sized. Left out of the JSON when unset.
 * @param init    whose initialisation conventions the network starts from ({@link Initialisation}); null stands for
 *                the default, Keras', and is left out of the JSON
 * @param optimizer the update rule at {@code learning_rate} ({@link Optimizer}); null stands for the default, Adam, and
 *                is left out of the JSON
 * @param weightNoise the standard deviation of Gaussian noise added to the recurrent and output weight matrices for each
 *                training step's forward and backward pass, the step then applied to the noiseless weights (Graves
 *                2011, as Chung et al. 2014 trained); null stands for none and is left out of the JSON
 */
public record ModelSpec(
        Integer layers,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer units,
        Double dropout,
        @JsonProperty("learning_rate") Double learningRate,
        @JsonProperty("embedding_size") Integer embeddingSize,
        Impl impl,
        @JsonProperty("gradient_clipping") Clipping gradientClipping,
        TextInput input,
        @JsonProperty("word2vec_path") String word2vecPath,
        @JsonProperty("forget_bias") @JsonInclude(JsonInclude.Include.NON_NULL) ForgetBias forgetBias,
        @JsonProperty("update_bias") @JsonInclude(JsonInclude.Include.NON_NULL) ForgetBias updateBias,
        @JsonInclude(JsonInclude.Include.NON_NULL) ParameterBudget params,
        @JsonInclude(JsonInclude.Include.NON_NULL) Initialisation init,
        @JsonInclude(JsonInclude.Include.NON_NULL) Optimizer optimizer,
        @JsonProperty("weight_noise") @JsonInclude(JsonInclude.Include.NON_NULL) Double weightNoise) {

    public ModelSpec {
        if (units != null && params != null) {
            throw new IllegalArgumentException("model.units and model.params both fix the network's size: keep one of them");
        }
        layers = layers == null ? 3 : layers;
        units = units == null && params == null ? Integer.valueOf(128) : units;
        dropout = dropout == null ? 0.5 : dropout;
        learningRate = learningRate == null ? 1e-3 : learningRate;
        embeddingSize = embeddingSize == null ? 100 : embeddingSize;
        impl = impl == null ? Impl.FAST : impl;
        gradientClipping = gradientClipping == null ? Clipping.NONE : gradientClipping;
        input = input == null ? TextInput.EMBEDDING : input;
        forgetBias = ForgetBias.ONE.equals(forgetBias) ? null : forgetBias;
        updateBias = ForgetBias.ZERO.equals(updateBias) ? null : updateBias;
        init = init == Initialisation.KERAS ? null : init;
        optimizer = optimizer == Optimizer.ADAM ? null : optimizer;
        if (weightNoise != null && !(weightNoise >= 0 && Double.isFinite(weightNoise))) {
            throw new IllegalArgumentException("model.weight_noise is a standard deviation, 0 or more (0: none), got " + weightNoise);
        }
        weightNoise = weightNoise != null && weightNoise == 0 ? null : weightNoise;
        if (layers < 1) {
            throw new IllegalArgumentException("model.layers must be at least 1, got " + layers);
        }
        if (units != null && units < 1) {
            throw new IllegalArgumentException("model.units must be at least 1, got " + units);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("model.dropout is a drop rate in [0, 1), got " + dropout);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("model.learning_rate must be positive, got " + learningRate);
        }
        if (embeddingSize < 1) {
            throw new IllegalArgumentException("model.embedding_size must be at least 1, got " + embeddingSize);
        }
    }

    public static ModelSpec defaults() {
        return new ModelSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The shape and learning rate of a stack, every other setting at its default (for code and tests). */
    public static ModelSpec of(Integer layers, Integer units, Double dropout, Double learningRate, Integer embeddingSize, Impl impl) {
        return new ModelSpec(layers, units, dropout, learningRate, embeddingSize, impl, null, null, null, null, null, null, null, null, null);
    }

    public ModelSpec withClipping(Clipping value) {
        return new ModelSpec(layers, units, dropout, learningRate, embeddingSize, impl, value, input, word2vecPath, forgetBias,
                updateBias, params, init, optimizer, weightNoise);
    }

    public ModelSpec withImpl(Impl value) {
        return new ModelSpec(layers, units, dropout, learningRate, embeddingSize, value, gradientClipping, input, word2vecPath,
                forgetBias, updateBias, params, init, optimizer, weightNoise);
    }

    /** The gated cells' forget-gate bias, the default (constant 1) when unset. */
    public ForgetBias forgetGate() {
        return forgetBias == null ? ForgetBias.ONE : forgetBias;
    }

    public ModelSpec withForgetBias(ForgetBias value) {
        return new ModelSpec(layers, units, dropout, learningRate, embeddingSize, impl, gradientClipping, input, word2vecPath, value,
                updateBias, params, init, optimizer, weightNoise);
    }

    /** The update rule: Adam unless the plan says. */
    public Optimizer updateRule() {
        return optimizer == null ? Optimizer.ADAM : optimizer;
    }

    /**
     * How the network trains where that is not the suite's default (Adam, no weight noise), in words: "RMSProp, weight
     * noise 0.075"; empty at the default.
     */
    public String recipe() {
        List<String> parts = new ArrayList<>();
        if (optimizer != null) {
            parts.add(optimizer.label());
        }
        if (weightNoise != null) {
            parts.add("weight noise " + BigDecimal.valueOf(weightNoise).stripTrailingZeros().toPlainString());
        }
        return String.join(", ", parts);
    }

    /** The weight noise's standard deviation, 0 for none. */
    public double weightNoiseStd() {
        return weightNoise == null ? 0 : weightNoise;
    }

    /** Whose initialisation conventions the network starts from: Keras' unless the plan says. */
    public Initialisation initialisation() {
        return init == null ? Initialisation.KERAS : init;
    }

    /** The GRU's and minGRU's update-gate bias, the default (constant 0) when unset. */
    public ForgetBias updateGate() {
        return updateBias == null ? ForgetBias.ZERO : updateBias;
    }

    public ModelSpec withUpdateBias(ForgetBias value) {
        return new ModelSpec(layers, units, dropout, learningRate, embeddingSize, impl, gradientClipping, input, word2vecPath,
                forgetBias, value, params, init, optimizer, weightNoise);
    }

    /**
     * These settings with the units {@code params} gives {@code cell} reading {@code reads} and writing {@code output}
     * (this spec when the units are set).
     *
     * @throws IllegalArgumentException when no unit count meets the budget
     */
    public ModelSpec sized(Cell cell, Input reads, Output output) {
        if (params == null) {
            return this;
        }
        int size = params.units(cell.layout(), layers, vocabulary(reads), firstInputs(reads), output.width(), cell.id());
        return new ModelSpec(layers, size, dropout, learningRate, embeddingSize, impl, gradientClipping, input, word2vecPath,
                forgetBias, updateBias, null, init, optimizer, weightNoise);
    }

    /** Trainable parameters of the factory's network of {@code cell} with these settings, sized where a budget says. */
    public long parameters(Cell cell, Input reads, Output output) {
        return Math.round(ParameterBudget.count(cell.layout(), layers, sized(cell, reads, output).units(), vocabulary(reads),
                firstInputs(reads), output.width()));
    }

    /** The embedding's rows: the vocabulary of token input, none for vectors. */
    private static double vocabulary(Input reads) {
        return reads instanceof Input.Tokens tokens ? tokens.vocabularySize() : 0;
    }

    /** What the first recurrent layer reads per step: the features, or the embedding's width. */
    private double firstInputs(Input reads) {
        return reads instanceof Input.Vectors vectors ? vectors.features() : embeddingSize;
    }

    /** The units, or where a budget fixes them, those of a bare stack of {@code cell} at that budget (for estimates made before the data). */
    public int nominalUnits(Cell cell) {
        return units != null ? units : params.nominalUnits(cell.layout(), layers);
    }

    /** These settings at one sequence length: chrono initialisation without t_max takes that length. */
    public ModelSpec forLength(int length) {
        ModelSpec spec = forgetBias == null ? this : withForgetBias(forgetBias.forLength(length));
        return updateBias == null ? spec : spec.withUpdateBias(updateBias.forLength(length));
    }
}
