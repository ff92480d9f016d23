package rnnsuite.model.fast;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasColMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemv;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Column-major single-precision BLAS on raw memory with element offsets, through the same OpenBLAS
 * binding ND4J uses (so one library, one thread setting). ND4J's own gemm wrapper costs several
 * microseconds of checks per call; a recurrent layer makes hundreds of small calls per batch.
 */
final class Blas {

    private Blas() {
    }

    /** C[m×n] (ldc) = alpha · op(A) · op(B) + beta · C, all column-major. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     FloatPointer a, long aOffset, int lda, FloatPointer b, long bOffset, int ldb,
                     float beta, FloatPointer c, long cOffset, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        cblas_sgemm(CblasColMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                m, n, k, alpha, at(a, aOffset), lda, at(b, bOffset), ldb, beta, at(c, cOffset), ldc);
    }

    /** y[n] = alpha · Aᵀ · x + beta · y for a column-major A[m×n] (lda): column sums when x is ones. */
    static void gemvTransposed(int m, int n, float alpha, FloatPointer a, long aOffset, int lda,
                               FloatPointer x, long xOffset, float beta, FloatPointer y, long yOffset) {
        cblas_sgemv(CblasColMajor, CblasTrans, m, n, alpha, at(a, aOffset), lda, at(x, xOffset), 1, beta, at(y, yOffset), 1);
    }

    /**
     * The memory of an INDArray, at its first element. (ND4J keeps a view's offset in its DataBuffer, whose
     * address pointer already includes it: INDArray.offset() is that same buffer offset, not an extra one.)
     */
    static FloatPointer pointer(INDArray array) {
        if (array.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("the fast recurrent layers train in FLOAT, got " + array.dataType());
        }
        return new FloatPointer(array.data().addressPointer());
    }

    /** True when the array is a contiguous column-major matrix (DL4J's parameter and gradient views are). */
    static boolean isColumnMajor(INDArray matrix) {
        return matrix.rank() == 2 && matrix.stride(0) == 1 && matrix.stride(1) == matrix.size(0);
    }

    private static FloatPointer at(FloatPointer base, long offset) {
        return new FloatPointer(base).position(base.position() + offset);
    }
}
