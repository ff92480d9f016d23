package rnnsuite.model.fast;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A growable off-heap float buffer that a layer keeps across batches (outside DL4J's workspaces),
 * seen three ways: as BLAS memory ({@link #pointer}), as bytes for the Vector API kernels
 * ({@link #bytes}), and as ND4J arrays of any column-major shape ({@link #view}) for copies in and out.
 * Sequence lengths change from batch to batch, so it grows by half again when too small and never shrinks.
 */
final class FloatBuf {

    private INDArray flat;
    private FloatPointer pointer;
    private ByteBuffer bytes;

    /** Makes room for {@code length} floats; the contents are undefined afterwards. */
    FloatBuf ensure(long length) {
        if (flat == null || flat.length() < length) {
            long capacity = Math.max(length, flat == null ? 0 : flat.length() + flat.length() / 2);
            if (capacity * Float.BYTES > Integer.MAX_VALUE) {
                throw new IllegalStateException("a recurrent layer buffer of " + length + " floats is too large: "
                        + "use a smaller batch size or max_len");
            }
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                flat = Nd4j.createUninitializedDetached(DataType.FLOAT, capacity);
            }
            pointer = new FloatPointer(flat.data().addressPointer());
            bytes = flat.data().asNio().order(ByteOrder.nativeOrder());
        }
        return this;
    }

    FloatPointer pointer() {
        return pointer;
    }

    ByteBuffer bytes() {
        return bytes;
    }

    /** The first prod(shape) floats as a column-major ('f') array of that shape. */
    INDArray view(long... shape) {
        long[] stride = new long[shape.length];
        long s = 1;
        for (int i = 0; i < shape.length; i++) {
            stride[i] = s;
            s *= shape[i];
        }
        return Nd4j.create(flat.data(), shape, stride, 0, 'f');
    }

    /**
     * The bytes of a standard column-major ('f', default strides) float array, or null for any other
     * layout. ND4J's address pointer of a view already points at its first element.
     */
    static ByteBuffer bytesOf(INDArray array) {
        if (array.dataType() != DataType.FLOAT || array.ordering() != 'f'
                || !org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(array) || array.isView() && array.length() != array.data().length()) {
            return null;
        }
        FloatPointer p = new FloatPointer(array.data().addressPointer());
        p.capacity(array.length()).limit(array.length());
        return p.asByteBuffer().order(ByteOrder.nativeOrder());
    }

    void zero(long length) {
        view(length).assign(0);
    }
}
