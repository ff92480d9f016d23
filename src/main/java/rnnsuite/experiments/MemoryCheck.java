package rnnsuite.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.bytedeco.javacpp.Pointer;
import rnnsuite.data.DataSpec;
import rnnsuite.data.Dataset;
import rnnsuite.data.DatasetLoader;
import rnnsuite.data.DatasetSummary;
import rnnsuite.data.PreparedData;
import rnnsuite.experiments.search.SearchSpec;
import rnnsuite.model.ModelSpec;
import rnnsuite.model.ParameterBudget;
import rnnsuite.model.TextInput;
import rnnsuite.model.Variant;
import rnnsuite.model.fast.GateLayout;
import rnnsuite.runtime.Natives;
import rnnsuite.train.TrainSpec;

/**
 * Refuses a plan whose runs cannot fit this process, before anything is allocated for them: when the system
 * refuses ND4J a buffer the JVM dies in native code instead of throwing, and a size past 2^31 numbers overflows
 * the index arithmetic of Java arrays and kernels into negative sizes. What one run needs at least: its parameters
 * as often as training holds them (weights, gradients, the optimiser's state: Adam's two moments, RMSProp's one
 * average; with weight noise a noisy copy), what one batch keeps for backpropagation (per layer, step
 * and example, the gates' pre-activations and the output; the input; per step, the outputs) off the Java heap, and
 * a generated dataset's sequences on it. Checked twice: from the plan alone before the data is made, with what the
 * data decides (vocabulary, longest text, examples) at its least; then with the data's own sizes, before any
 * network is built or timed.
 */
public final class MemoryCheck {

    /** Bytes per number: the networks train in float. */
    private static final int FLOAT = Float.BYTES;
    /** The largest Java array, in elements. */
    private static final double MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** A plan or configuration that cannot run in this process: exit status 3, as for running out of memory. */
    public static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message);
        }
    }

    /**
     * What a network's memory follows from.
     *
     * @param vocabulary rows of the embedding, 0 when the input is vectors
     * @param inputs     what the first recurrent layer reads per step: the embedding's width or the features
     * @param steps      the longest sequence of a batch
     * @param batch      sequences in a batch (the training split's size when that is smaller)
     * @param examples   a generated dataset's examples, held on the heap as rows of {@code row} numbers (0 when the
     *                   data is made already, or read from a corpus)
     */
    record Shape(double vocabulary, double inputs, double outputs, boolean perStep, double steps, double batch,
                 double examples, double row) {
    }

    private MemoryCheck() {
    }

    /** Before the data is made: every recurrent arm at every length, with the sizes the plan alone fixes. */
    static void require(Plan plan) {
        require(plan, Limits.ofThisProcess());
    }

    static void require(Plan plan, Limits limits) {
        for (int length : plan.runLengths()) {
            DataSpec data = plan.data().withMaxLen(length);
            for (Sized arm : arms(plan)) {
                check(plan.name(), arm, length, planned(data, arm.arm.model(), arm.arm.train()), limits);
            }
        }
    }

    /** With the data of each length ({@code data}, made already): its vocabulary, outputs and longest sequence. */
    static void require(Plan plan, IntFunction<PreparedData> data) {
        require(plan, data, Limits.ofThisProcess());
    }

    static void require(Plan plan, IntFunction<PreparedData> data, Limits limits) {
        for (int length : plan.runLengths()) {
            PreparedData prepared = data.apply(length);
            for (Sized arm : arms(plan)) {
                check(plan.name(), arm, length, prepared(prepared, arm.arm.model(), arm.arm.train()), limits);
            }
        }
    }

    /** An arm as it may train: a search's at the largest value of every searched key. */
    private record Sized(Plan.Arm arm, String largest) {
    }

    private static List<Sized> arms(Plan plan) {
        List<Sized> arms = new ArrayList<>();
        for (Plan.Arm arm : plan.search() != null ? plan.tunedArms() : plan.allArms()) {
            if (arm.variant() == null) {
                continue; // a baseline has no network
            }
            arms.add(plan.search() == null ? new Sized(arm, "") : largest(arm, plan.search()));
        }
        return arms;
    }

    /** The arm with every searched key at the largest number it can draw: memory grows with each of them. */
    private static Sized largest(Plan.Arm arm, SearchSpec search) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        search.space().forEach((key, distribution) -> values.put(key, distribution.examples().stream()
                .filter(JsonNode::isNumber).max(Comparator.comparingDouble(JsonNode::doubleValue))
                .orElse(distribution.examples().get(0))));
        StringBuilder drawn = new StringBuilder();
        values.forEach((key, value) -> drawn.append(drawn.length() == 0 ? "" : ", ").append(key).append('=').append(value));
        return new Sized(PlanReader.configure(arm, values, arm.train().epochs()), "; the largest its search can draw: " + drawn);
    }

    /** The sizes the plan fixes; what the data decides at its least (a text's vocabulary, lengths and examples). */
    static Shape planned(DataSpec data, ModelSpec model, TrainSpec train) {
        Dataset.Size size = DatasetLoader.size(data);
        // what is read from a file decides its own batch; a generated set's training split caps it
        double batch = size.examples() == 0 ? 1
                : Math.min(train.batchSize(), Math.max(1, Math.floor(size.examples() * data.split().get(0))));
        Shape shape = new Shape(size.vocabulary(), size.inputs(), size.outputs(), data.kind().task().perStep(),
                size.steps(), batch, size.examples(), size.row());
        return withInput(shape, model);
    }

    /** The sizes of data made already. */
    static Shape prepared(PreparedData data, ModelSpec model, TrainSpec train) {
        DatasetSummary summary = data.summary();
        int[] lengths = summary.lengthPercentiles();
        // a text's longest kept sequence: max_len, or the longest text when every text is shorter
        double steps = lengths.length > 0 ? Math.min(summary.maxLen(), lengths[lengths.length - 1]) : summary.maxLen();
        double batch = Math.min(train.batchSize(), Math.max(1, data.train().size()));
        Shape shape = new Shape(data.tokens() ? data.vocabulary().size() : 0, data.features(), data.outputs(),
                data.task().perStep(), Math.max(1, steps), batch, 0, 0);
        return withInput(shape, model);
    }

    /** Tokens go through an embedding of embedding_size, or become word vectors of that size. */
    private static Shape withInput(Shape s, ModelSpec model) {
        if (s.vocabulary() == 0) {
            return s;
        }
        double width = model.embeddingSize();
        return new Shape(model.input() == TextInput.WORD2VEC ? 0 : s.vocabulary(), width, s.outputs(), s.perStep(), s.steps(),
                s.batch(), s.examples(), s.row());
    }

    /** What a network of {@code variant} and {@code model} on data of {@code shape} needs at least. */
    record Need(double parameters, double offHeapBytes, double heapBytes, double largestArray) {
    }

    static Need need(Variant variant, ModelSpec model, Shape s) {
        GateLayout gates = variant.layout();
        double units = units(variant, model, s);
        double parameters = ParameterBudget.count(gates, model.layers(), units, s.vocabulary(), s.inputs(), s.outputs());
        double layers = model.layers();
        double perExampleStep = layers * units * (gates.biasBlocks() + 1) + s.inputs() + (s.perStep() ? 2 * s.outputs() : 0);
        double activations = s.batch() * s.steps() * perExampleStep;
        double largest = max(s.vocabulary() * s.inputs(), s.inputs() * gates.inputBlocks() * units,
                units * gates.recurrentBlocks() * units, units * s.outputs(),
                s.batch() * s.steps() * units * gates.biasBlocks(), s.batch() * s.steps() * s.inputs(),
                s.batch() * s.steps() * s.outputs(), s.row());
        return new Need(parameters, FLOAT * (copies(model) * parameters + activations), FLOAT * s.examples() * s.row(), largest);
    }

    /** How many times training holds the parameters: weights, gradients, the optimiser's state, a noisy copy. */
    static int copies(ModelSpec model) {
        return 2 + model.updateRule().stateCopies() + (model.weightNoiseStd() > 0 ? 1 : 0);
    }

    /** The units of each layer: the model's, or those its parameter budget comes nearest with on data of this shape. */
    private static int units(Variant variant, ModelSpec model, Shape s) {
        return model.params() == null ? model.units()
                : model.params().nearestUnits(variant.layout(), model.layers(), s.vocabulary(), s.inputs(), s.outputs());
    }

    private static double max(double... values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    /**
     * Refuses a network made outside a plan (a benchmark's) that cannot fit this process, before it is built.
     *
     * @param vocabulary the embedding's rows, 0 for vector input
     * @param lower      the settings to lower, in the words of the command that made it
     */
    public static void requireNetwork(String what, Variant variant, ModelSpec model, int vocabulary, int inputs, int outputs,
                                      boolean perStep, int steps, int batch, String lower) {
        check(what, variant, model, new Shape(vocabulary, inputs, outputs, perStep, steps, batch, 0, 0), lower,
                Limits.ofThisProcess());
    }

    /**
     * Refuses {@code what} when a network of {@code variant} and {@code model} on data of {@code shape} cannot fit this
     * process's limits; {@code lower} names the settings that shrink it.
     */
    static void check(String what, Variant variant, ModelSpec model, Shape shape, String lower, Limits limits) {
        Need need = need(variant, model, shape);
        String fix = ": lower " + lower;
        if (need.offHeapBytes() > limits.offHeap()) {
            throw new TooLarge(String.format(Locale.ROOT, "%s needs at least %s off the Java heap (%s parameters × %d bytes: "
                    + "weights, gradients%s and %s; plus one batch's activations), and %s%s, or %s", what,
                    gb(need.offHeapBytes()), count(need.parameters()), FLOAT * copies(model),
                    model.weightNoiseStd() > 0 ? ", their noisy copy" : "", model.updateRule().state(), limits.offHeapSource(), fix,
                    limits.raise()));
        }
        long heap = limits.heap();
        if (need.heapBytes() > heap) {
            throw new TooLarge(String.format(Locale.ROOT, "%s: its generated data (%s examples of %s steps) needs at least %s "
                    + "on the Java heap, and the heap may grow to %s (-Xmx): lower data.examples or data.max_len, or raise "
                    + "-Xmx in .mvn/jvm.config if the machine has the memory", what, fmt(shape.examples()), fmt(shape.steps()),
                    gb(need.heapBytes()), gb(heap)));
        }
        // past the memory of today's machines, but sizes are checked here before any int holds them
        if (need.largestArray() > MAX_ARRAY) {
            throw new TooLarge(String.format(Locale.ROOT, "%s would hold %s numbers in one array, more than Java and ND4J "
                    + "can index (2^31)%s", what, count(need.largestArray()), fix));
        }
    }

    private static void check(String plan, Sized arm, int length, Shape shape, Limits limits) {
        ModelSpec model = arm.arm().model();
        check(String.format(Locale.ROOT, "plan %s: arm %s (%d layer(s) of %d units, batch_size %d, max_len %d%s)", plan,
                        arm.arm().name(), model.layers(), units(arm.arm().variant(), model, shape), arm.arm().train().batchSize(), length,
                        arm.largest()),
                arm.arm().variant(), model, shape, (model.params() != null ? "model.params" : "model.units")
                        + ", model.layers, model.embedding_size, train.batch_size or data.max_len", limits);
    }

    /**
     * What a run may use: {@code offHeap} bytes outside the Java heap (ND4J's buffers), said as {@code offHeapSource},
     * and {@code heap} bytes of heap; {@code raise} says how to allow more.
     */
    record Limits(double offHeap, String offHeapSource, String raise, long heap) {

        /**
         * This process's: its limit (-Dorg.bytedeco.javacpp.maxphysicalbytes, heap included) less the heap's (-Xmx),
         * or the machine's memory when that is less.
         */
        static Limits ofThisProcess() {
            Natives.init(); // this CPU's natives build first: JavaCPP's Pointer fixes the build when first touched
            long heap = Runtime.getRuntime().maxMemory();
            long process = Pointer.maxPhysicalBytes();
            long machine = Pointer.totalPhysicalBytes();
            double offHeap = process > 0 ? Math.max(0, process - heap) : Double.POSITIVE_INFINITY;
            if (machine > 0 && machine < offHeap) {
                return new Limits(machine, "this machine has " + gb(machine), "run it on a machine with more memory", heap);
            }
            return new Limits(offHeap, "the process may use " + gb(offHeap) + " there (-Dorg.bytedeco.javacpp.maxphysicalbytes "
                    + gb(process) + " less -Xmx " + gb(heap) + ")", "raise those limits in .mvn/jvm.config if the machine has "
                    + "the memory", heap);
        }
    }

    /** Bytes in GiB, the unit of -Xmx1g. */
    static String gb(double bytes) {
        double gib = bytes / (1L << 30);
        return gib < 100 ? String.format(Locale.ROOT, "%.1f GiB", gib)
                : gib < 1e7 ? String.format(Locale.ROOT, "%,.0f GiB", gib) : String.format(Locale.ROOT, "%.1e GiB", gib);
    }

    /** A count of numbers in words (a billion = 10^9). */
    static String count(double n) {
        return n < 1e6 ? String.format(Locale.ROOT, "%,.0f", n)
                : n < 1e9 ? String.format(Locale.ROOT, "%.1f million", n / 1e6)
                : n < 1e12 ? String.format(Locale.ROOT, "%.1f billion", n / 1e9) : String.format(Locale.ROOT, "%.1e", n);
    }

    private static String fmt(double n) {
        return n < 1e12 ? String.format(Locale.ROOT, "%.0f", n) : String.format(Locale.ROOT, "%.1e", n);
    }
}
