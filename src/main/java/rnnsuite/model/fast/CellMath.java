package rnnsuite.model.fast;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One {@link RecurrentCell}'s equations, a step at a time in ND4J operations: the readable statement of the cell
 * and of its backward pass, which {@link ReferenceCellLayer} runs (DL4J's gradient check verifies it in double
 * precision) and the fast kernels are tested against.
 */
interface CellMath {

    /**
     * One step's activations from the input projection {@code p} = x_t·W + b_x ([batch, W's width]), the previous
     * state and the recurrent parameters; the last entry is the new state before masking.
     */
    INDArray[] forward(INDArray p, INDArray hPrev, INDArray rw, INDArray b, int units);

    /**
     * One step back from dL/dh_t ({@code g}, already masked): returns dL/dp and dL/dh_{t−1}, and adds the step's
     * share of the recurrent parameters' gradients into {@code gR} (RW's shape) and of the recurrent biases into
     * {@code gb} (the whole bias; the input-projection part is the caller's).
     */
    Step backward(INDArray g, INDArray hPrev, INDArray[] acts, INDArray rw, INDArray gR, INDArray gb, int units);

    /** dL/dp and dL/dh_{t−1} of one step. */
    record Step(INDArray dp, INDArray dhPrev) {
    }
}
