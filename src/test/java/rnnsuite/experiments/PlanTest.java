package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnsuite.model.Variant;

class PlanTest {

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    private String error(String yaml) throws IOException {
        Path file = write("bad.yaml", yaml);
        return assertThrows(PlanException.class, () -> PlanReader.load(file)).getMessage();
    }

    @Test
    void theShippedPlansLoad() throws IOException {
        try (var files = Files.list(Path.of("experiments"))) {
            List<Path> plans = files.filter(f -> f.toString().endsWith(".yaml")).toList();
            assertTrue(plans.size() >= 2, "default and seed-article plans");
            for (Path plan : plans) {
                if (PlanReader.namesTasks(plan)) {
                    TaskStudy study = PlanReader.loadTasks(plan, List.of());
                    assertTrue(study.tasks().size() >= 2 && study.cells().size() >= 2, plan + ": a study of tasks");
                    continue;
                }
                Plan p = PlanReader.load(plan);
                assertTrue(p.trials().size() >= 2, plan + " compares at least two runs");
            }
        }
        Plan defaults = PlanReader.load(Plan.DEFAULT);
        assertEquals("default", defaults.name());
        assertEquals(List.of(Variant.SIMPLE_RNN, Variant.LSTM), defaults.variants());
        Plan article = PlanReader.load(Path.of("experiments", "seed-article.yaml"));
        assertEquals(List.of(Variant.SIMPLE_RNN, Variant.LSTM, Variant.PEEPHOLE_LSTM), article.variants());
        assertEquals(10, article.train().epochs());
        assertEquals(32, article.train().batchSize());
        assertEquals(3, article.model().layers());
        assertEquals(128, article.model().units());
        assertEquals(0.5, article.model().dropout());
    }

    @Test
    void unsetValuesTakeTheClassicDefaults() throws IOException {
        Plan p = PlanReader.load(write("mini.yaml", "variants: [lstm]\nseeds: 7\n"));
        assertEquals("mini", p.name());
        assertEquals(List.of(7L), p.seeds());
        assertEquals(3, p.model().layers());
        assertEquals(128, p.model().units());
        assertEquals(10, p.train().epochs());
        assertEquals("spamassassin", p.data().dataset());
        assertTrue(p.trials().get(0).runId().matches("lstm-s7-[0-9a-f]{6}"), p.trials().get(0).runId());
    }

    @Test
    void aTypoedKeyIsNamedWithItsLineAndTheAllowedKeys() throws IOException {
        String message = error("variants: [lstm]\ntrain:\n  epoch: 3\n");
        assertTrue(message.contains("line 3") && message.contains("unknown key 'train.epoch'")
                && message.contains("epochs"), message);
    }

    @Test
    void aWrongTypeIsRefused() throws IOException {
        String message = error("train:\n  epochs: many\n");
        assertTrue(message.contains("line 2") && message.contains("train.epochs"), message);
        assertTrue(error("train:\n  epochs: 2.5\n").contains("train.epochs"));
    }

    @Test
    void anotherDatasetFromTheCommandLineLeavesOutTheFilesKeysForItsOwn() throws IOException {
        Path file = write("text.yaml", "data: {dataset: spamassassin, max_len: 80, min_freq: 3}\n");
        Plan plan = PlanReader.load(file, List.of("data.dataset=\"jsb\""));
        assertEquals("jsb", plan.data().dataset());
        Plan csv = PlanReader.load(file, List.of("data.dataset=\"csv\"", "data.path=\"x.csv\""));
        assertEquals(80, csv.data().maxLen(), "a key the other dataset reads is kept");
        assertEquals(3, csv.data().minFreq());
        PlanException e = assertThrows(PlanException.class, () -> PlanReader.load(file,
                List.of("data.dataset=\"jsb\"", "data.max_len=5")));
        assertTrue(e.getMessage().contains("data.max_len is not an option of dataset jsb"), e.getMessage());
    }

    @Test
    void impossibleValuesAreRefused() throws IOException {
        assertTrue(error("train:\n  epochs: -1\n").contains("train.epochs must be at least 1"));
        assertTrue(error("data:\n  max_len: 0\n").contains("data.max_len must be at least 1"));
        assertTrue(error("data:\n  split: [0.5, 0.6, 0.1]\n").contains("sum to 1"));
        assertTrue(error("seeds: []\n").contains("seeds is empty"));
        assertTrue(error("train:\n  tbptt: 50\n").contains("train.tbptt: truncated back-propagation through time is not "
                + "offered"), "refused with the reason");
        assertTrue(error("data: {dataset: jsb, classes: 3}\n").contains("data.classes is not an option of dataset jsb"));
        assertTrue(error("train: {early_stopping: {patience: 0}}\n").contains("train.early_stopping.patience must be at least 1"));
        assertTrue(error("train: {early_stopping: {patience: 2, min_delta: -1}}\n").contains("min_delta must be a finite"));
        assertTrue(error("train: {lr_schedule: {factor: 1.5, patience: 2}}\n").contains("factor must lie strictly between 0 and 1"));
        assertTrue(error("train: {lr_schedule: {factor: 0.1}}\n").contains("patience must be at least 1 for the plateau rule"));
        assertTrue(error("train: {lr_schedule: {rule: step, factor: 0.1}}\n").contains("rule must be plateau or tcn"));
        assertTrue(error("train: {select: first}\n").contains("train.select must be last"));
        assertTrue(error("train: {batching: sorted}\n").contains("train.batching must be shuffle"));
        assertEquals(rnnsuite.train.TrainSpec.defaults(), new rnnsuite.train.TrainSpec(null, null, null, null, null, null,
                null, "shuffle"), "the default batching is left unwritten: runs keep their ids");
        assertTrue(error("search:\n  method: hyperband\n  trials: 5\n  space:\n    model:\n      units: {choice: [8, 16]}\n")
                .contains("hyperband draws its candidates per bracket"));
    }

    /** YAML's .nan and .inf, a number past a double's range and the words NaN and Infinity: each names its key. */
    @Test
    void valuesThatAreNotFiniteNumbersAreRefusedNamingTheKey() throws IOException {
        String[][] cases = {
            {"variants: [lstm]\nmodel:\n  layers: 1\n  learning_rate: .nan\n", "line 4: 'model.learning_rate' must be a finite number, got .nan"},
            {"model: {learning_rate: .inf}\n", "line 1: 'model.learning_rate' must be a finite number, got .inf"},
            {"model: {learning_rate: -.INF}\n", "'model.learning_rate' must be a finite number, got -.INF"},
            {"model: {learning_rate: 1e400}\n", "line 1: 'model.learning_rate' must be a finite number, got a number past"},
            {"model: {learning_rate: NaN}\n", "line 1: 'model.learning_rate' must be a finite number, got NaN"},
            {"model: {dropout: \".nan\"}\n", "'model.dropout' must be a finite number, got .nan"},
            {"train:\n  epochs: .nan\n", "line 2: 'train.epochs' must be a finite number, got .nan"},
            {"data: {split: [0.7, .nan, 0.15]}\n", "line 1: 'data.split[1]' must be a finite number, got .nan"},
            {"model: {gradient_clipping: {method: norm, threshold: -.inf}}\n",
                "'model.gradient_clipping.threshold' must be a finite number, got -.inf"},
            {"arms:\n  - name: a\n    variant: lstm\n    model: {learning_rate: .nan}\n",
                "line 4: 'arms[0].model.learning_rate' must be a finite number, got .nan"},
            {"search:\n  space:\n    model: {learning_rate: {log_uniform: [1.0e-4, .inf]}}\n",
                "line 3: 'search.space.model.learning_rate.log_uniform[1]' must be a finite number, got .inf"},
            {"search:\n  space:\n    model: {learning_rate: {uniform: [0, 1e999]}}\n",
                "'search.space.model.learning_rate.uniform[1]' must be a finite number"},
            {"search:\n  space:\n    model: {dropout: {choice: [0.1, NaN]}}\n", "search.space.model.dropout can draw \"NaN\""},
        };
        for (String[] c : cases) {
            String message = error(c[0]);
            assertTrue(message.startsWith("plan " + dir.resolve("bad.yaml")) && message.contains(c[1]), c[0] + " → " + message);
        }
        Path plan = write("ok.yaml", "variants: [lstm]\n");
        for (String override : List.of("model.learning_rate=.nan", "model.learning_rate=-.inf", "model.learning_rate=NaN",
                "model.learning_rate=1e400")) {
            String message = assertThrows(PlanException.class, () -> PlanReader.load(plan, List.of(override))).getMessage();
            assertTrue(message.contains("'model.learning_rate' must be a finite number"), override + " → " + message);
        }
        String nested = assertThrows(PlanException.class, () -> PlanReader.load(plan,
                List.of("model.gradient_clipping={method: norm, threshold: .nan}"))).getMessage();
        assertTrue(nested.contains("--set model.gradient_clipping={method: norm, threshold: .nan}: "
                + "'model.gradient_clipping.threshold' must be a finite number, got .nan"), nested);
        assertEquals(1e-3, PlanReader.load(plan, List.of("model.learning_rate=\"1e-3\"")).model().learningRate(),
                "a finite number in a string still reads");
    }

    @Test
    void aLengthSweepWithArmsExpandsIntoTrials() throws IOException {
        Plan p = PlanReader.load(write("sweep.yaml", """
                variants: [simple_rnn, lstm]
                seeds: [1, 2]
                lengths: [10, 50]
                data: {dataset: recall}
                model: {units: 16, dropout: 0.25}
                arms:
                  - name: simple_rnn_clipped
                    variant: simple_rnn
                    model:
                      gradient_clipping: {method: norm, threshold: 1.0}
                """));
        assertEquals(List.of("simple_rnn", "lstm", "simple_rnn_clipped"), p.allArms().stream().map(Plan.Arm::name).toList());
        Plan.Arm clipped = p.allArms().get(2);
        assertEquals("norm 1.0", clipped.model().gradientClipping().describe());
        assertEquals(16, clipped.model().units(), "an arm's section is merged over the plan's");
        assertEquals(0.25, clipped.model().dropout());
        assertEquals("none", p.allArms().get(0).model().gradientClipping().describe());
        List<String> ids = p.trials().stream().map(t -> t.runId()).toList();
        assertEquals(2 * 3 * 2, ids.size(), "no baselines for a synthetic task");
        assertTrue(ids.get(0).matches("simple_rnn-T10-s1-[0-9a-f]{6}"), ids.get(0));
        assertTrue(ids.get(ids.size() - 1).matches("simple_rnn_clipped-T50-s2-[0-9a-f]{6}"), ids.get(ids.size() - 1));
        assertEquals(ids.size(), ids.stream().distinct().count(), "run ids are unique");
        assertEquals(50, p.trials().get(ids.size() - 1).data().maxLen());
    }

    @Test
    void textPlansRunTheBaselinesUnlessTurnedOff() throws IOException {
        Plan text = PlanReader.load(write("text.yaml", "variants: [lstm]\n"));
        assertEquals(List.of("lstm", "majority", "tfidf_logreg"), text.allArms().stream().map(Plan.Arm::name).toList());
        Plan off = PlanReader.load(write("off.yaml", "variants: [lstm]\nbaselines: false\n"));
        assertEquals(List.of("lstm"), off.allArms().stream().map(Plan.Arm::name).toList());
        assertTrue(error("arms:\n  - name: majority\n    variant: lstm\n").contains("already used"), "baseline names are taken");
    }

    @Test
    void theRunIdChangesWithAnySetting() throws IOException {
        String a = PlanReader.load(write("a.yaml", "variants: [lstm]\n")).trials().get(0).runId();
        String b = PlanReader.load(write("b.yaml", "variants: [lstm]\ntrain: {epochs: 9}\n")).trials().get(0).runId();
        String again = PlanReader.load(write("c.yaml", "variants: [lstm]\n")).trials().get(0).runId();
        assertEquals(a, again, "the same settings, the same id");
        assertTrue(!a.equals(b) && a.startsWith("lstm-s1-") && b.startsWith("lstm-s1-"), a + " vs " + b);
    }

    @Test
    void badArmsAreRefused() throws IOException {
        assertTrue(error("arms:\n  - name: lstm\n    variant: lstm\n").contains("already used"));
        assertTrue(error("arms:\n  - name: x\n").contains("needs a variant"));
        String message = error("arms:\n  - name: x\n    variant: lstm\n    model:\n      clipping: 1\n");
        assertTrue(message.contains("unknown key 'arms[0].model.clipping'") && message.contains("gradient_clipping"), message);
        assertTrue(error("model:\n  gradient_clipping: {method: norm}\n").contains("threshold"));
        assertTrue(error("lengths: [10, 0]\n").contains("lengths must be at least 1"));
    }

    @Test
    void anUnknownVariantNamesTheChoices() throws IOException {
        String message = error("variants: [lstm, transformer]\n");
        assertTrue(message.contains("unknown variant 'transformer'") && message.contains("min_lstm"), message);
    }

    @Test
    void missingAndEmptyFilesSaySo() throws IOException {
        String missing = assertThrows(PlanException.class, () -> PlanReader.load(dir.resolve("nope.yaml"))).getMessage();
        assertTrue(missing.contains("not found"), missing);
        assertTrue(error("  \n").contains("is empty"));
        assertTrue(error("variants: [lstm\n").startsWith("plan "), "malformed YAML");
    }

    @Test
    void anUnknownDatasetIsRefusedBeforeAnythingRuns() throws IOException {
        String message = error("variants: [lstm]\ndata: {dataset: imbd}\n");
        assertTrue(message.contains("unknown dataset 'imbd'") && message.contains("imdb"), message);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = System.err;
        int status;
        try {
            System.setErr(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            status = rnnsuite.cli.Main.execute("run", write("bad.yaml", "data: {dataset: imbd}\n").toString(), "--results",
                    dir.resolve("r").toString());
        } finally {
            System.setErr(err);
        }
        assertEquals(rnnsuite.cli.Main.EXIT_BAD_INPUT, status);
        assertTrue(out.toString(java.nio.charset.StandardCharsets.UTF_8).startsWith("error: plan "), out.toString());
        assertTrue(Files.notExists(dir.resolve("r")), "nothing written");
    }

    @Test
    void theGruAndMinGruTakeAnUpdateBiasAndASearchMayDrawIt() throws IOException {
        Plan p = PlanReader.load(write("u.yaml", "variants: [gru, min_gru]\nmodel: {update_bias: chrono}\nlengths: [20]\n"
                + "data: {dataset: recall}\n"));
        assertEquals(new rnnsuite.model.ForgetBias("chrono", null, 20), p.trials().get(0).model().updateBias(), "chrono takes the length");
        Plan s = PlanReader.load(write("s.yaml", "variants: [gru]\ndata: {dataset: recall}\nsearch:\n  trials: 2\n"
                + "  space: {model: {update_bias: {choice: [0, 2, chrono]}}}\n"));
        assertEquals(List.of("model.update_bias"), List.copyOf(s.search().space().keySet()));
        String message = error("variants: [gru]\nmodel: {update_bias: warm}\n");
        assertTrue(message.contains("number or chrono"), message);
    }

    @Test
    void theOptimiserAndWeightNoiseAreModelKeysAndTheirDefaultsLeaveRunIdsAlone() throws IOException {
        Plan p = PlanReader.load(write("o.yaml", "variants: [gru]\ndata: {dataset: recall}\nlengths: [20]\n"
                + "model: {optimizer: rmsprop, weight_noise: 0.075, learning_rate: 0.001}\n"));
        rnnsuite.model.ModelSpec m = p.trials().get(0).model();
        assertEquals(rnnsuite.model.Optimizer.RMSPROP, m.updateRule());
        assertEquals(0.075, m.weightNoiseStd());
        Plan d = PlanReader.load(write("d.yaml", "variants: [gru]\ndata: {dataset: recall}\nlengths: [20]\n"));
        Plan same = PlanReader.load(write("a.yaml", "variants: [gru]\ndata: {dataset: recall}\nlengths: [20]\n"
                + "model: {optimizer: adam, weight_noise: 0}\n"));
        assertEquals(d.trials().get(0).runId(), same.trials().get(0).runId(), "the defaults written out are the defaults");
        assertNotEquals(d.trials().get(0).runId(), p.trials().get(0).runId());
        String unknown = error("variants: [gru]\nmodel: {optimizer: sgd}\n");
        assertTrue(unknown.contains("sgd") && unknown.contains("rmsprop"), unknown);
        String negative = error("variants: [gru]\nmodel: {weight_noise: -0.1}\n");
        assertTrue(negative.contains("model.weight_noise"), negative);
    }
}
