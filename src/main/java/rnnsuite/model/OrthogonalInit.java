package rnnsuite.model;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' default recurrent initialiser, which DL4J 1.0.0-M2.1 lacks: a random orthogonal matrix
 * (orthonormal rows when it is wide, orthonormal columns when it is tall), drawn from ND4J's seeded
 * generator. Keeping ‖R h‖ = ‖h‖ at the start is what lets a tanh RNN train over a hundred steps at all;
 * with Glorot-uniform recurrent weights the SimpleRnn stack stalled at the majority class here.
 */
public final class OrthogonalInit implements IWeightInit {

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        int n = Math.min(rows, cols);
        int len = Math.max(rows, cols);
        double[][] v = Nd4j.randn(DataType.DOUBLE, n, len).toDoubleMatrix();
        orthonormalise(v);
        double[][] q = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                q[i][j] = rows <= cols ? v[i][j] : v[j][i];
            }
        }
        INDArray matrix = Nd4j.create(q).castTo(paramView.dataType());
        paramView.assign(matrix.reshape(order, paramView.shape()));
        return paramView.reshape(order, shape);
    }

    /** Modified Gram-Schmidt on the rows, in place. */
    static void orthonormalise(double[][] rows) {
        for (int i = 0; i < rows.length; i++) {
            for (int k = 0; k < i; k++) {
                double dot = 0;
                for (int j = 0; j < rows[i].length; j++) {
                    dot += rows[i][j] * rows[k][j];
                }
                for (int j = 0; j < rows[i].length; j++) {
                    rows[i][j] -= dot * rows[k][j];
                }
            }
            double norm = 0;
            for (double x : rows[i]) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < rows[i].length; j++) {
                rows[i][j] /= norm;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrthogonalInit;
    }

    @Override
    public int hashCode() {
        return OrthogonalInit.class.hashCode();
    }
}
