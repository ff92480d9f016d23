package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.dataset.DataSet;
import rnnsuite.data.DataSpec;
import rnnsuite.data.Dataset;
import rnnsuite.data.PreparedCache;
import rnnsuite.data.PreparedData;
import rnnsuite.model.Impl;
import rnnsuite.model.ModelFactory;
import rnnsuite.model.ModelSpec;
import rnnsuite.model.Variant;

/**
 * Every cell trains a few steps on every task the suite describes (all but IMDB, which downloads): the loss of a
 * batch falls. A task added to {@link Dataset} is in this test without a line here, given a file when it reads one.
 */
class EveryTaskTest {

    @TempDir
    static Path dir;
    private static Path text;
    private static Path csv;
    private static Path roll;

    @BeforeAll
    static void files() throws IOException {
        StringBuilder b = new StringBuilder();
        StringBuilder rows = new StringBuilder("text,label\n");
        java.util.Random random = new java.util.Random(1);
        String[] words = {"the", "cat", "sat", "on", "a", "mat", "and", "dog", "ran", "to"};
        while (b.length() < 6000) {
            b.append(words[random.nextInt(words.length)]).append(random.nextInt(8) == 0 ? ".\n" : " ");
        }
        for (int i = 0; i < 60; i++) {
            rows.append(i % 2 == 0 ? "the cat sat on the mat," : "a dog ran to the park,").append(i % 2).append('\n');
        }
        text = Files.writeString(dir.resolve("words.txt"), b.toString());
        csv = Files.writeString(dir.resolve("rows.csv"), rows.toString());
        roll = dir.resolve("roll.mat");
        try (InputStream in = EveryTaskTest.class.getResourceAsStream("/rnnsuite/data/pianoroll/JSB_Chorales.mat")) {
            Files.write(roll, in.readAllBytes());
        }
    }

    static Stream<Arguments> cellsAndTasks() {
        List<Arguments> out = new ArrayList<>();
        for (Dataset d : Dataset.values()) {
            if (d == Dataset.IMDB) {
                continue;
            }
            for (Variant v : Variant.values()) {
                out.add(Arguments.of(v, d));
            }
        }
        return out.stream();
    }

    private static String path(Dataset d) {
        if (!d.keys().contains("path")) {
            return null;
        }
        return (d.task().perStep() ? (d.samplesText() ? text : roll) : csv).toString();
    }

    @org.junit.jupiter.api.Test
    void everyDatasetHasALoaderThatSizesIt() {
        for (Dataset d : Dataset.values()) {
            DataSpec spec = new DataSpec(d.id(), 20, null, null, null, null, null, null, null, null, null, null, null);
            assertTrue(rnnsuite.data.DatasetLoader.size(spec).outputs() >= 1, d.id());
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cellsAndTasks")
    void everyCellLearnsEveryTask(Variant variant, Dataset task) {
        DataSpec spec = new DataSpec(task.id(), 20, null, null, null, null, 60, null, path(task),
                null, null, null, null);
        PreparedData data = PreparedCache.get(spec);
        ModelSpec model = ModelSpec.of(1, 16, 0.0, 1e-2, 8, Impl.FAST);
        MultiLayerNetwork net = ModelFactory.network(ModelFactory.build(variant, model, VariantExperiment.input(data),
                VariantExperiment.output(data), 3, data.summary().maxLen()), model, 3, 1);
        // two pieces of music (thousands of frames each), eight sequences of anything else
        DataSet batch = data.train().batches(task.sweepsLengths() ? 8 : 2, null).next();
        double before = net.score(batch, false);
        for (int i = 0; i < 12; i++) {
            net.fit(batch);
        }
        double after = net.score(batch, false);
        assertTrue(Double.isFinite(after) && after < 0.95 * before, variant + " on " + task + ": " + before + " -> " + after);
    }
}
