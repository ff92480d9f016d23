package rnnsuite.model.fast;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.nio.ByteBuffer;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the fast layers share: copying DL4J's [batch, features, time] arrays into
 * the layer's own time-major buffers and back, masks, input dropout, keeping the forward pass for the
 * backward pass (DL4J's stock layers run the forward pass twice per training step), and the big
 * matrix products that do not depend on the recurrence.
 *
 * <p>Buffers are column-major with {@code rows = stride·steps}, row {@code b + stride·t}, where the
 * stride is the batch rounded up to whole vectors: one GEMM computes the input projection of all steps,
 * each step is a block of consecutive rows, and the kernels never handle a partial vector. Padding rows
 * hold zeros and a zero mask, so they add nothing to any gradient.
 */
abstract class FastRecurrentLayer<C extends org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer>
        extends RecurrentLayerBase<C> {

    /** Threads the layer splits its work over; the numbers do not depend on it ({@link Parallel}). */
    protected int threads = rnnsuite.runtime.Natives.threads();
    /** Whether the backward pass forms dL/dinput ({@link FastRecurrent#inputGradient}); without it, it returns null. */
    boolean inputGradient = true;
    protected int batch;
    /** Rows per step in the buffers: the batch rounded up to whole vectors; padding rows stay zero-weighted. */
    protected int stride;
    protected int steps;
    protected int nIn;
    protected int units;
    /** Per row and step (index b + stride·t): DL4J's mask, or 1 without one; 0 on padding rows. */
    protected float[] mask;

    protected final FloatBuf x = new FloatBuf();
    protected final FloatBuf h = new FloatBuf();
    protected final FloatBuf eps = new FloatBuf();
    protected final FloatBuf dz = new FloatBuf();
    protected final FloatBuf dx = new FloatBuf();
    protected final FloatBuf dhRec = new FloatBuf();
    protected final FloatBuf ones = new FloatBuf();
    /** The "state before the first step": reads with ld 0 see one zero run. */
    protected final FloatBuf zeros = new FloatBuf();
    /**
     * One step's dz again, each batch slice's rows in a block of their own ({@link #sliceOrigin}), for the backward
     * per-step product dz·Rᵀ: with Rᵀ stored as such ({@link #transposedRecurrent}), OpenBLAS runs it 15–35% faster
     * (measured at 64 and 32 rows) than on dz's rows strided through all steps with R transposed in the call, and
     * gives the same bits (neither layout nor a stored transpose is part of its summation order). Forward, the
     * same trick only moved the cost of reaching the strided gate pre-activations from the product to the passes.
     */
    protected final FloatBuf stepBlock = new FloatBuf();
    /** The recurrent matrix's first columns transposed, for the backward per-step product. */
    private final FloatBuf recurrentT = new FloatBuf();

    /**
     * dL/dh from the layer above during backwardCells: DL4J's own array when it is a standard 'f'
     * [batch, units, steps] array and the batch needs no padding (step t's column j at
     * epsilonStepStride·t + epsilonLd·j), else a padded time-major copy in {@link #eps}.
     */
    protected ByteBuffer epsilonAbove;
    protected long epsilonStepStride;
    protected int epsilonLd;

    /** The input array the kept forward pass was computed from; null when none is kept. */
    private INDArray forwardOf;
    /** The input dropout drawn here for {@link #droppedOf} (null: none, or DL4J's own applied to the input). */
    private DropoutMask drop;
    private INDArray droppedOf;
    private long onesFilled;
    private long zerosFilled;

    FastRecurrentLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Computes the forward pass from {@link #x} (and {@link #mask}) into {@link #h} and the cell's caches. */
    protected abstract void forwardCells(INDArray inputWeights, INDArray recurrentWeights, INDArray bias);

    /** From {@link #epsilonAbove} and the kept forward pass: parameter gradients into the views, dL/dx into {@link #dx}. */
    protected abstract void backwardCells(INDArray inputWeights, INDArray recurrentWeights,
                                          Map<String, INDArray> gradients);

    /**
     * Whether the stock layer this one computes reads its recurrent weights before its input weights: with weight noise
     * the draws then come in the stock layer's order, so a fast and a stock run take the same noise.
     */
    protected boolean readsRecurrentWeightsFirst() {
        return false;
    }

    /**
     * Whether backwardCells wants dL/dh in the time-major layout even when DL4J's own array would do: a
     * kernel that walks one unit through all steps reads it contiguously then (DL4J's array puts a unit's
     * steps batch·units floats apart).
     */
    protected boolean timeMajorEpsilon() {
        return false;
    }

    protected final int rows() {
        return stride * steps;
    }

    /**
     * For a batch slice starting at row {@code b0} of a {@link #stepBlock} with {@code width} columns: element (b, j)
     * of the slice [b0, b1) lies at origin + (b1 − b0)·j + b (the slice's block starts at b0·width, ld b1 − b0).
     */
    protected static long sliceOrigin(int b0, int width) {
        return (long) b0 * width - b0;
    }

    /** R's first {@code width} columns transposed ([width × units], column-major), for dL/dh_{t-1} = dz·Rᵀ. */
    protected final org.bytedeco.javacpp.FloatPointer transposedRecurrent(INDArray recurrentWeights, int width) {
        recurrentT.ensure((long) width * units).view(width, units).assign(recurrentWeights.get(all(), interval(0, width)).transpose());
        return recurrentT.pointer();
    }

    /** A zero run of at least {@link #stride} floats (read with ld 0 as the state before step 0). */
    protected final FloatBuf zeroState() {
        if (zerosFilled < stride) {
            zeros.ensure(stride).zero(stride);
            zerosFilled = stride;
        }
        return zeros;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        forward(training, workspaceMgr);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {batch, units, steps}, 'f');
        fromTimeMajor(h, units, out, null);
        return out;
    }

    private void forward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        DropoutMask forwardDrop = training ? inputDropout() : null;
        if (forwardDrop == null) {
            applyDropOutIfNecessary(training, workspaceMgr);
        }
        if (input.rank() != 3) {
            throw new IllegalStateException("recurrent layer " + layerId() + " expects [batch, features, time] input, got rank " + input.rank());
        }
        if (layerConf().getRnnDataFormat() != RNNFormat.NCW) {
            throw new IllegalStateException("the fast recurrent layers take NCW ([batch, features, time]) data only");
        }
        INDArray in = input.castTo(DataType.FLOAT);
        batch = (int) in.size(0);
        nIn = (int) in.size(1);
        steps = (int) in.size(2);
        stride = (batch + Kernels.LANES - 1) / Kernels.LANES * Kernels.LANES;
        units = (int) layerConf().getNOut();
        toTimeMajor(in, x, nIn, forwardDrop);
        mask = new float[rows()];
        if (maskArray != null) {
            if (maskArray.rank() != 2 || maskArray.size(0) != batch || maskArray.size(1) != steps) {
                throw new IllegalStateException("mask of shape " + java.util.Arrays.toString(maskArray.shape())
                        + " does not match input [batch " + batch + ", time " + steps + "]");
            }
            float[] m = maskArray.castTo(DataType.FLOAT).dup('f').data().asFloat();
            for (int t = 0; t < steps; t++) {
                System.arraycopy(m, batch * t, mask, stride * t, batch);
            }
        } else {
            for (int t = 0; t < steps; t++) {
                java.util.Arrays.fill(mask, stride * t, stride * t + batch, 1f);
            }
        }
        INDArray inputWeights;
        INDArray recurrent;
        if (readsRecurrentWeightsFirst()) {
            recurrent = recurrentWeights(training, workspaceMgr);
            inputWeights = param("W", training, workspaceMgr);
        } else {
            inputWeights = param("W", training, workspaceMgr);
            recurrent = recurrentWeights(training, workspaceMgr);
        }
        forwardCells(inputWeights, recurrent, param("b", training, workspaceMgr));
        forwardOf = training ? input : null;
    }

    /**
     * The dropout mask drawn here for this input, or null. A training forward pass applied it while copying the
     * input, and the backward pass (which always follows a training forward pass on its input) applies it to dL/dx.
     */
    DropoutMask drawnDropout() {
        return droppedOf == input ? drop : null;
    }

    /**
     * This input's dropout when the layer draws it itself (a plain {@code Dropout} on a standard 'f' input: the same
     * mask DL4J would draw, applied while copying), drawn once per input as DL4J's is; null when DL4J applies its own.
     */
    private DropoutMask inputDropout() {
        if (dropoutApplied) {
            return drawnDropout();
        }
        if (!DropoutMask.drawable(layerConf().getIDropout()) || FloatBuf.bytesOf(input) == null) {
            return null;
        }
        drop = DropoutMask.draw(layerConf().getIDropout(), input.length());
        droppedOf = input;
        dropoutApplied = true;
        return drop;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (forwardOf == null || forwardOf != input) {
            forward(true, workspaceMgr);
        }
        forwardOf = null; // one forward pass serves one backward pass
        epsilonAbove = stride == batch && !timeMajorEpsilon() ? FloatBuf.bytesOf(epsilon) : null;
        if (epsilonAbove != null) {
            epsilonStepStride = (long) batch * units;
            epsilonLd = batch;
        } else {
            toTimeMajor(epsilon.castTo(DataType.FLOAT), eps, units, null);
            epsilonAbove = eps.bytes();
            epsilonStepStride = stride;
            epsilonLd = rows();
        }
        if (inputGradient) {
            dx.ensure((long) rows() * nIn);
        }
        backwardCells(param("W", true, workspaceMgr), recurrentWeights(true, workspaceMgr), gradientViews);
        epsilonAbove = null;

        Gradient gradient = new DefaultGradient(gradientsFlattened);
        for (String key : gradientViews.keySet()) {
            gradient.gradientForVariable().put(key, gradientViews.get(key));
        }
        INDArray epsOut = null;
        if (inputGradient) {
            epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {batch, nIn, steps}, 'f');
            DropoutMask backwardDrop = drawnDropout();
            fromTimeMajor(dx, nIn, epsOut, backwardDrop);
            if (backwardDrop == null) {
                epsOut = backpropDropOutIfPresent(epsOut);
            }
        }
        weightNoiseParams.clear();
        return new Pair<>(gradient, epsOut);
    }

    /**
     * [batch, n, steps] (any layout) into a time-major buffer [rows × n], padding rows zeroed; times {@code drop}
     * (indexed by the array's buffer offsets, so a standard 'f' array) unless null.
     */
    private void toTimeMajor(INDArray array, FloatBuf dst, int n, DropoutMask drop) {
        int r = rows();
        dst.ensure((long) r * n);
        ByteBuffer src = FloatBuf.bytesOf(array);
        if (src == null) {
            requireNoDropout(drop);
            dst.view(stride, steps, n).get(interval(0, batch), all(), all()).assign(array.permute(0, 2, 1));
        } else if (drop == null) {
            Parallel.split(threads, steps, 1, (t0, t1) -> Kernels.copyRuns(src, 0, batch, (long) batch * n,
                    dst.bytes(), 0, r, stride, batch, n, t0, t1));
        } else {
            Parallel.split(threads, steps, 1, (t0, t1) -> Kernels.copyRunsDropped(src, 0, batch, (long) batch * n,
                    dst.bytes(), 0, r, stride, batch, n, t0, t1, drop, true));
        }
        if (stride > batch) {
            Kernels.zeroRows(dst.bytes(), r, stride, batch, stride, n, 0, steps);
        }
    }

    /** The real rows of a time-major buffer [rows × n] into a fresh 'f' array [batch, n, steps], times {@code drop} unless null. */
    private void fromTimeMajor(FloatBuf src, int n, INDArray array, DropoutMask drop) {
        ByteBuffer dst = FloatBuf.bytesOf(array);
        if (dst == null) {
            requireNoDropout(drop);
            array.assign(src.view(stride, steps, n).get(interval(0, batch), all(), all()).permute(0, 2, 1));
            return;
        }
        int r = rows();
        if (drop == null) {
            Parallel.split(threads, steps, 1, (t0, t1) -> Kernels.copyRuns(src.bytes(), 0, r, stride,
                    dst, 0, batch, (long) batch * n, batch, n, t0, t1));
        } else {
            Parallel.split(threads, steps, 1, (t0, t1) -> Kernels.copyRunsDropped(src.bytes(), 0, r, stride,
                    dst, 0, batch, (long) batch * n, batch, n, t0, t1, drop, false));
        }
    }

    private static void requireNoDropout(DropoutMask drop) {
        if (drop != null) {
            throw new IllegalStateException("a dropout mask drawn for a standard 'f' array met another layout");
        }
    }

    /** RW, or null for a cell without recurrent weights (minGRU, minLSTM). */
    private INDArray recurrentWeights(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return paramTable(false).containsKey("RW") ? param("RW", training, workspaceMgr) : null;
    }

    private INDArray param(String key, boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray p = getParamWithNoise(key, training, workspaceMgr);
        if (!key.equals("b") && !Blas.isColumnMajor(p)) {
            p = p.dup('f');
        }
        return p;
    }

    /** Input projection of all steps at once: dst[rows × width] = X · W, split by columns over the threads. */
    protected final void projectInputs(INDArray inputWeights, FloatBuf dst, int width) {
        var w = Blas.pointer(inputWeights);
        int r = rows();
        Parallel.split(threads, width, 1, (c0, c1) -> Blas.gemm(false, false, r, c1 - c0, nIn, 1f,
                x.pointer(), 0, r, w, (long) nIn * c0, nIn, 0f, dst.pointer(), (long) r * c0, r));
    }

    /**
     * The products after the recurrence, from dZ ([rows × width]): dW = Xᵀ·dZ, dR = H_{t-1}ᵀ·dZ (first
     * {@code width} columns of R's gradient), db = column sums of dZ, and dX = dZ·Wᵀ.
     */
    protected final void parameterGradients(INDArray inputWeights, Map<String, INDArray> gradients, int width) {
        inputGradients(inputWeights, gradients, width);
        recurrentGradients(dz, 0, width, gradients, 0, -1);
    }

    /**
     * dW = Xᵀ·dZ, b's first {@code width} entries = column sums of dZ, and (when {@link #inputGradient}) dX = dZ·Wᵀ,
     * from dZ ([rows × width]).
     */
    protected final void inputGradients(INDArray inputWeights, Map<String, INDArray> gradients, int width) {
        int r = rows();
        var w = Blas.pointer(inputWeights);
        var gW = Blas.pointer(requireColumnMajor(gradients.get("W")));
        var gb = Blas.pointer(gradients.get("b"));
        fillOnes(r);
        Parallel.split(threads, width, 1, (c0, c1) -> {
            int n = c1 - c0;
            long dzCol = (long) r * c0;
            Blas.gemm(true, false, nIn, n, r, 1f, x.pointer(), 0, r, dz.pointer(), dzCol, r, 0f, gW, (long) nIn * c0, nIn);
            Blas.gemvTransposed(r, n, 1f, dz.pointer(), dzCol, r, ones.pointer(), 0, 0f, gb, c0);
        });
        if (inputGradient) {
            Parallel.split(threads, r, 1, (r0, r1) -> Blas.gemm(false, true, r1 - r0, nIn, width, 1f, dz.pointer(), r0, r,
                    w, 0, nIn, 0f, dx.pointer(), r0, r));
        }
    }

    /**
     * Columns [rCol, rCol + width) of RW's gradient = H_{t-1}ᵀ·D, with D the {@code width} columns of {@code d}
     * from {@code dCol} ([rows × ·], the gradient at the recurrent product's output); when {@code biasAt} ≥ 0,
     * also b's entries from {@code biasAt} = column sums of D (a bias added after the recurrent product).
     */
    protected final void recurrentGradients(FloatBuf d, int dCol, int width, Map<String, INDArray> gradients,
                                            int rCol, int biasAt) {
        int r = rows();
        var gR = Blas.pointer(requireColumnMajor(gradients.get("RW")));
        var gb = Blas.pointer(gradients.get("b"));
        if (biasAt >= 0) {
            fillOnes(r);
        }
        Parallel.split(threads, width, 1, (c0, c1) -> {
            int n = c1 - c0;
            long dCol0 = (long) r * (dCol + c0);
            Blas.gemm(true, false, units, n, r - stride, 1f, h.pointer(), 0, r, d.pointer(), dCol0 + stride, r, 0f,
                    gR, (long) units * (rCol + c0), units);
            if (biasAt >= 0) {
                Blas.gemvTransposed(r, n, 1f, d.pointer(), dCol0, r, ones.pointer(), 0, 0f, gb, biasAt + c0);
            }
        });
    }

    private void fillOnes(int r) {
        if (onesFilled < r) {
            ones.ensure(r).view(r).assign(1);
            onesFilled = r;
        }
    }

    private static INDArray requireColumnMajor(INDArray view) {
        if (!Blas.isColumnMajor(view)) {
            throw new IllegalStateException("gradient view is not a contiguous column-major matrix: " + view.shapeInfoToString());
        }
        return view;
    }
}
