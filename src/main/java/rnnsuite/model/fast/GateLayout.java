package rnnsuite.model.fast;

/**
 * How a cell's parameters are laid out, per unit: the blocks of its input weights W [nIn, inputBlocks·H], of its
 * recurrent matrix RW [H, recurrentBlocks·H], of its bias b [biasBlocks·H], and per-unit vectors (peepholes, an
 * IndRNN's recurrent weights). From it follow the cell's parameter count, its multiply-adds, and where the gate that
 * keeps its state sits in the bias, which the forget- and update-gate bias options set.
 *
 * @param keep        which option sets the keeping gate's bias: a forget gate's, an update gate's, or none
 * @param keepBlock   the bias block of that gate, or -1
 * @param keepNegated the gate weighs the new value, not the old (minGRU's z): keeping more means a lower bias
 * @param writeBlock  the input gate that chrono initialisation sets to minus the keeping bias, or -1
 */
public record GateLayout(int inputBlocks, int recurrentBlocks, int biasBlocks, int unitVectors, Keep keep, int keepBlock,
                         boolean keepNegated, int writeBlock) {

    /** The plan option a cell's keeping gate answers to. */
    public enum Keep {
        /** No gate keeps the state (SimpleRnn, IndRNN). */
        NONE,
        /** {@code forget_bias}: the LSTMs' and minLSTM's forget gate. */
        FORGET,
        /** {@code update_bias}: the GRU's and minGRU's update gate. */
        UPDATE
    }

    public GateLayout {
        if (inputBlocks < 1 || recurrentBlocks < 0 || biasBlocks < 1 || unitVectors < 0 || (keep == Keep.NONE) != (keepBlock < 0)
                || keepBlock >= biasBlocks || writeBlock >= biasBlocks) {
            throw new IllegalArgumentException("inconsistent gate layout " + inputBlocks + "/" + recurrentBlocks + "/" + biasBlocks
                    + " keep " + keep + "@" + keepBlock + " write @" + writeBlock);
        }
    }

    /*
     * A layout is written by name, one part at a time, starting from its input blocks:
     * GateLayout.inputs(4).recurrent(4).bias(4).keeps(Keep.FORGET, 1).writes(3) is the LSTM's.
     */

    /** A cell whose input weights have {@code blocks} blocks, one bias block, and nothing else yet. */
    public static GateLayout inputs(int blocks) {
        return new GateLayout(blocks, 0, 1, 0, Keep.NONE, -1, false, -1);
    }

    /** The same with {@code blocks} blocks of recurrent matrix. */
    public GateLayout recurrent(int blocks) {
        return new GateLayout(inputBlocks, blocks, biasBlocks, unitVectors, keep, keepBlock, keepNegated, writeBlock);
    }

    /** The same with {@code blocks} bias blocks. */
    public GateLayout bias(int blocks) {
        return new GateLayout(inputBlocks, recurrentBlocks, blocks, unitVectors, keep, keepBlock, keepNegated, writeBlock);
    }

    /** The same with {@code count} vectors of one weight per unit (peepholes, an IndRNN's recurrent weights). */
    public GateLayout unitVectors(int count) {
        return new GateLayout(inputBlocks, recurrentBlocks, biasBlocks, count, keep, keepBlock, keepNegated, writeBlock);
    }

    /** The same with the gate that keeps the state, answering to option {@code keep}, at bias block {@code block}. */
    public GateLayout keeps(Keep keep, int block) {
        return new GateLayout(inputBlocks, recurrentBlocks, biasBlocks, unitVectors, keep, block, keepNegated, writeBlock);
    }

    /** The same with the keeping gate weighing the new value, not the old (minGRU's z). */
    public GateLayout keepingNegated() {
        return new GateLayout(inputBlocks, recurrentBlocks, biasBlocks, unitVectors, keep, keepBlock, true, writeBlock);
    }

    /** The same with the input gate chrono initialisation sets at bias block {@code block}. */
    public GateLayout writes(int block) {
        return new GateLayout(inputBlocks, recurrentBlocks, biasBlocks, unitVectors, keep, keepBlock, keepNegated, block);
    }

    /**
     * Multiply-add FLOPs of one forward step for one example, the matrix products only (element-wise work is
     * O(units) and left out): 2·H·D per input block (D = the layer's input width) plus 2·H·H per recurrent block.
     * Training ≈ 3 × this (forward, two backward products).
     */
    public double forwardFlopsPerStep(int inputs, int units) {
        return 2.0 * units * ((double) inputBlocks * inputs + (double) recurrentBlocks * units);
    }

    /** Whether the cell has a parameter RW: a recurrent matrix, or per-unit recurrent weights. */
    public boolean hasRecurrentWeights() {
        return recurrentBlocks > 0 || unitVectors > 0;
    }

    /** Trainable parameters of one layer with {@code inputs} inputs and {@code units} units. */
    public long parameters(int inputs, int units) {
        return (long) inputs * inputBlocks * units + (long) units * recurrentBlocks * units + (long) (biasBlocks + unitVectors) * units;
    }

    /** The same in floating point, for sizes not checked yet: a plan's 2e9 units would overflow a long. */
    public double parameters(double inputs, double units) {
        return inputs * inputBlocks * units + units * recurrentBlocks * units + (biasBlocks + unitVectors) * units;
    }
}
