package rnnsuite.model.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import rnnsuite.model.OrthogonalInit;

/**
 * The cells DL4J lacks (GRU, minGRU, minLSTM), checked without a stock layer to compare with: DL4J's
 * numerical gradient check on the reference implementation in double precision; both implementations
 * against golden values from PyTorch 1.13 (scripts/golden_cells.py, committed as golden/cells.json); and a
 * network saved and restored with ModelSerializer. (FastRecurrentTest checks fast against reference in the
 * suite's whole classifier.)
 */
class RecurrentCellTest {

    static Stream<Arguments> kindsAndMasks() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (Cell kind : java.util.Arrays.stream(Cell.values()).filter(Cell::own).toList()) {
            cases.add(Arguments.of(kind, false));
            cases.add(Arguments.of(kind, true));
        }
        return cases.build();
    }

    /** Two stacked cells, last step, softmax: DL4J perturbs every parameter and compares with backprop. */
    @ParameterizedTest(name = "{0} masked={1}")
    @MethodSource("kindsAndMasks")
    void numericalGradientCheck(Cell kind, boolean masked) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            int nIn = 3;
            int batch = 4;
            int steps = 5;
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                    .seed(12).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER_UNIFORM)
                    .list()
                    .layer(new RecurrentCell.Builder(kind).nIn(nIn).nOut(4).weightInitRecurrent(new OrthogonalInit()).build())
                    .layer(new LastTimeStep(new RecurrentCell.Builder(kind).nIn(4).nOut(5).build()))
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3).activation(Activation.SOFTMAX).build())
                    .setInputType(InputType.recurrent(nIn))
                    .build();
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            // non-zero biases, so the check sees every bias path
            for (int i = 0; i < 2; i++) {
                Layer layer = net.getLayer(i);
                INDArray b = layer.getParam(RecurrentCellParams.B);
                b.assign(Nd4j.rand(DataType.DOUBLE, b.shape()).subi(0.5));
            }
            assertInstanceOf(ReferenceCellLayer.class, unwrap(net.getLayer(0)), "double networks use the reference layer");
            Random random = new Random(3);
            INDArray input = Nd4j.rand(DataType.DOUBLE, batch, nIn, steps).subi(0.5).muli(2);
            INDArray mask = masked ? lengthsMask(batch, steps, random).castTo(DataType.DOUBLE) : null;
            INDArray labels = Nd4j.zeros(DataType.DOUBLE, batch, 3);
            for (int b = 0; b < batch; b++) {
                labels.putScalar(b, random.nextInt(3), 1);
            }
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input)
                    .labels(labels).inputMask(mask).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9));
            assertTrue(ok, kind + " gradient check failed (masked=" + masked + "); see the log for the parameter");
        } finally {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        }
    }

    /** Outputs and gradients of one layer against PyTorch (float64), fast kernels and reference alike. */
    @ParameterizedTest(name = "{0} masked={1}")
    @MethodSource("kindsAndMasks")
    void matchesPyTorch(Cell kind, boolean masked) throws IOException {
        JsonNode root;
        try (InputStream in = RecurrentCellTest.class.getResourceAsStream("/golden/cells.json")) {
            root = new ObjectMapper().readTree(in);
        }
        String id = kind.name().toLowerCase();
        JsonNode c = null;
        for (JsonNode node : root.get("cases")) {
            if (node.get("cell").asText().equals(id) && node.get("masked").asBoolean() == masked) {
                c = node;
            }
        }
        assertTrue(c != null, "no golden case for " + id);
        int nIn = root.get("n_in").asInt();
        int units = root.get("units").asInt();
        for (boolean fast : new boolean[] {true, false}) {
            DataType type = fast ? DataType.FLOAT : DataType.DOUBLE;
            MultiLayerNetwork net = single(kind, nIn, units, type, fast);
            Layer layer = net.getLayer(0);
            assertEquals(fast ? FastRecurrentLayer.class : ReferenceCellLayer.class,
                    fast ? layer.getClass().getSuperclass() : layer.getClass(), "implementation");
            for (var p : (Iterable<Map.Entry<String, JsonNode>>) c.get("params")::fields) {
                layer.getParam(p.getKey()).assign(array(p.getValue(), type).reshape(layer.getParam(p.getKey()).shape()));
            }
            LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
            layer.setInput(array(c.get("x"), type), mgr);
            layer.setMaskArray(masked ? array(c.get("mask"), type) : null);
            INDArray out = layer.activate(true, mgr);
            Pair<Gradient, INDArray> back = layer.backpropGradient(array(c.get("epsilon"), type), mgr);
            double tol = fast ? 2e-5 : 1e-10;
            String what = id + (masked ? " masked" : "") + (fast ? " fast" : " reference");
            assertClose(array(c.get("out"), DataType.DOUBLE), out, tol, what + " output");
            assertClose(array(c.get("dx"), DataType.DOUBLE), back.getSecond(), tol, what + " dL/dx");
            Map<String, INDArray> grads = back.getFirst().gradientForVariable();
            assertEquals(c.get("grads").size(), grads.size(), what + " gradient keys");
            for (var g : (Iterable<Map.Entry<String, JsonNode>>) c.get("grads")::fields) {
                INDArray expected = array(g.getValue(), DataType.DOUBLE);
                assertClose(expected, grads.get(g.getKey()).reshape(expected.shape()), tol, what + " dL/d" + g.getKey());
            }
        }
    }

    /** Networks saved before the cells were one description name theirs as {@code "kind": "GRU"}: they still read. */
    @org.junit.jupiter.api.Test
    void committedConfigurationsStillRead() throws IOException {
        java.nio.file.Path reference = java.nio.file.Path.of("results/reference");
        java.util.Set<Cell> seen = new java.util.HashSet<>();
        try (var files = java.nio.file.Files.walk(reference, 4)) {
            for (java.nio.file.Path config : files.filter(f -> f.getFileName().toString().equals("config.json")).toList()) {
                String run = config.getParent().getFileName().toString();
                if (!run.matches("(gru|min_gru|min_lstm)-.*")) {
                    continue;
                }
                var node = rnnsuite.io.Json.MAPPER.readTree(config.toFile()).get("dl4j_configuration");
                MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(node.toString());
                Cell cell = conf.getConfs().stream().map(c -> c.getLayer())
                        .map(l -> l instanceof org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer w ? w.getUnderlying() : l)
                        .filter(l -> l instanceof RecurrentCell).map(l -> ((RecurrentCell) l).getKind()).findFirst().orElseThrow();
                assertEquals(run.substring(0, run.indexOf('-')), cell.id(), config.toString());
                seen.add(cell);
            }
        }
        assertEquals(java.util.Set.of(Cell.GRU, Cell.MIN_GRU, Cell.MIN_LSTM), seen);
        assertThrows(IllegalArgumentException.class, () -> new RecurrentCell.Builder(Cell.LSTM).build(),
                "DL4J's own cells are not built as the suite's layer");
    }

    /** A saved and restored network gives the same outputs (configuration JSON and parameters round trip). */
    @ParameterizedTest(name = "{0} masked={1}")
    @MethodSource("kindsAndMasks")
    void survivesModelSerializer(Cell kind, boolean masked) throws IOException {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).weightInit(WeightInit.XAVIER_UNIFORM).list()
                .layer(new RecurrentCell.Builder(kind).nIn(6).nOut(9).weightInitRecurrent(new OrthogonalInit()).forgetGateBiasInit(1.5).build())
                .layer(new LastTimeStep(new RecurrentCell.Builder(kind).nIn(9).nOut(9).dropOut(0.8).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(9).nOut(2).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray input = Nd4j.rand(DataType.FLOAT, 7, 6, 11);
        INDArray mask = masked ? lengthsMask(7, 11, new Random(1)) : null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
        assertEquals(net.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
        assertEquals(kind, ((RecurrentCell) restored.getLayer(0).conf().getLayer()).getKind());
        INDArray expected = net.output(input, false, mask, null);
        assertArrayEquals(expected.ravel().toFloatVector(), restored.output(input, false, mask, null).ravel().toFloatVector(), 0f);
        if (kind == Cell.MIN_LSTM) {
            assertEquals(1.5, restored.getLayer(0).getParam("b").getDouble(0), 1e-6, "forget-gate bias init");
        }
    }

    private static MultiLayerNetwork single(Cell kind, int nIn, int units, DataType type, boolean fast) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(type).updater(new NoOp()).list()
                .layer(new RecurrentCell.Builder(kind).nIn(nIn).nOut(units).fast(fast).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(units).nOut(1).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.initGradientsView(); // the layer's gradient views, which DL4J otherwise sets up on the first fit
        return net;
    }

    private static Layer unwrap(Layer layer) {
        return layer instanceof org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer last ? last.getUnderlying() : layer;
    }

    /** Nested JSON lists as an array of their shape. */
    private static INDArray array(JsonNode node, DataType type) {
        java.util.List<Long> shape = new java.util.ArrayList<>();
        for (JsonNode n = node; n.isArray(); n = n.get(0)) {
            shape.add((long) n.size());
        }
        java.util.List<Double> flat = new java.util.ArrayList<>();
        flatten(node, flat);
        double[] data = flat.stream().mapToDouble(Double::doubleValue).toArray();
        return Nd4j.create(data, shape.stream().mapToLong(Long::longValue).toArray(), 'c').castTo(type);
    }

    private static void flatten(JsonNode node, java.util.List<Double> out) {
        if (node.isArray()) {
            node.forEach(n -> flatten(n, out));
        } else {
            out.add(node.asDouble());
        }
    }

    /** Every element within tol of the expected one, relative to the array's largest magnitude. */
    private static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double[] e = expected.dup('c').ravel().toDoubleVector();
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').ravel().toDoubleVector();
        double scale = 1e-12;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tol * scale, what + " element " + i);
        }
    }

    static INDArray lengthsMask(int batch, int steps, Random random) {
        INDArray mask = Nd4j.zeros(DataType.FLOAT, batch, steps);
        for (int b = 0; b < batch; b++) {
            int length = b == 0 ? steps : 1 + random.nextInt(steps);
            for (int t = 0; t < length; t++) {
                mask.putScalar(b, t, 1);
            }
        }
        return mask;
    }
}
