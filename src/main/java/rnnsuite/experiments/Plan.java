package rnnsuite.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import rnnsuite.data.DataSpec;
import rnnsuite.data.DatasetLoader;
import rnnsuite.experiments.search.SearchSpec;
import rnnsuite.model.Baseline;
import rnnsuite.model.ModelSpec;
import rnnsuite.model.Variant;
import rnnsuite.train.TrainSpec;
import rnnsuite.train.Trial;

/**
 * An experiment plan, read from a YAML file in {@code experiments/} by {@link PlanReader}: which variants, which
 * seeds, what data, model and training settings, optionally a sweep over sequence lengths and extra arms. Unset
 * values take the classic model's defaults; impossible values are refused here, whoever builds the plan.
 *
 * @param name        results go to {@code results/<name>/}; defaults to the file name without extension
 * @param description one line for the report's header
 * @param lengths     a sweep over {@code data.max_len} (the dependency length T of the synthetic tasks);
 *                    empty for a single length
 * @param arms        extra arms beyond one per variant: a named variant with its own model/train settings
 * @param baselines   whether text classification plans also run the majority-class and TF-IDF
 *                    logistic-regression baselines (default true)
 * @param search      a hyperparameter search over the recurrent arms ({@link SearchSpec}), or null; with one,
 *                    the plan's seeds are the search's final seeds
 */
public record Plan(
        String name,
        String description,
        List<Variant> variants,
        List<Long> seeds,
        DataSpec data,
        ModelSpec model,
        TrainSpec train,
        List<Integer> lengths,
        List<Arm> arms,
        Boolean baselines,
        SearchSpec search) {

    /** A labelled variant (or baseline) with the settings it trains under; results are grouped by its name. */
    public record Arm(String name, Variant variant, Baseline baseline, ModelSpec model, TrainSpec train) {
    }

    /** The plan {@code mvn exec:java} runs without arguments. */
    public static final Path DEFAULT = Path.of("experiments", "default.yaml");

    /** What a name that names a results folder may hold. */
    static final String NAME_PATTERN = "[A-Za-z0-9._-]+";

    public Plan {
        description = description == null ? "" : description;
        variants = variants == null ? List.of(Variant.SIMPLE_RNN, Variant.LSTM) : List.copyOf(variants);
        seeds = seeds == null ? List.of(1L) : List.copyOf(seeds);
        data = data == null ? DataSpec.defaults() : data;
        model = model == null ? ModelSpec.defaults() : model;
        train = train == null ? TrainSpec.defaults() : train;
        lengths = lengths == null ? List.of() : List.copyOf(lengths);
        arms = arms == null ? List.of() : List.copyOf(arms);
        baselines = baselines == null ? Boolean.TRUE : baselines;
        if (search != null) {
            seeds = search.finalSeedList();
        }
        if (name != null && !name.matches(NAME_PATTERN)) {
            throw new IllegalArgumentException("name '" + name + "' may only hold letters, digits, '.', '_' and '-' (it names the results folder)");
        }
        if (variants.isEmpty() && arms.isEmpty()) {
            throw new IllegalArgumentException("variants is empty: name at least one of " + Variant.choices());
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("seeds is empty: name at least one seed");
        }
        if (variants.stream().distinct().count() != variants.size() || seeds.stream().distinct().count() != seeds.size()
                || lengths.stream().distinct().count() != lengths.size()) {
            throw new IllegalArgumentException("variants, seeds and lengths must not repeat a value: " + variants + ", "
                    + seeds + ", " + lengths);
        }
        for (long seed : seeds) {
            if (seed < 1) {
                // Nd4j's generator takes seed 0 as "no seed": runs would not repeat.
                throw new IllegalArgumentException("seeds must be at least 1 (ND4J treats seed 0 as no seed), got " + seed);
            }
        }
        for (int length : lengths) {
            if (length < 1) {
                throw new IllegalArgumentException("lengths must be at least 1, got " + length);
            }
        }
        if (!lengths.isEmpty() && !data.kind().sweepsLengths()) {
            throw new IllegalArgumentException("lengths: dataset " + data.dataset() + " has no sequence length to sweep (its "
                    + "sequences keep their own lengths): remove lengths");
        }
        for (int length : lengths.isEmpty() ? List.of(data.maxLen()) : lengths) {
            DatasetLoader.size(data.withMaxLen(length)); // a dataset's checks across its keys, at every length
        }
        List<String> labels = new ArrayList<>(variants.stream().map(Variant::id).toList());
        Arrays.stream(Baseline.values()).forEach(b -> labels.add(b.id()));
        for (Arm arm : arms) {
            if (arm.name() == null || !arm.name().matches(NAME_PATTERN)) {
                throw new IllegalArgumentException("every arm needs a name of letters, digits, '.', '_' and '-', got '" + arm.name() + "'");
            }
            if (arm.variant() == null) {
                throw new IllegalArgumentException("arm '" + arm.name() + "' needs a variant: " + Variant.choices());
            }
            if (labels.contains(arm.name())) {
                throw new IllegalArgumentException("arm name '" + arm.name() + "' is already used (by a variant or another arm)");
            }
            labels.add(arm.name());
        }
    }

    /** One arm per variant with the plan's settings, the extra arms, then the baselines (text classification). */
    public List<Arm> allArms() {
        List<Arm> all = new ArrayList<>();
        variants.forEach(v -> all.add(new Arm(v.id(), v, null, model, train)));
        all.addAll(arms);
        if (baselines) {
            for (Baseline b : Baseline.forDataset(data.kind())) {
                all.add(new Arm(b.id(), null, b, model, train));
            }
        }
        return all;
    }

    /** What the plan header says of its lengths: its sweep, its one max_len, or that the sequences keep their own. */
    public String lengthsLabel() {
        return !data.kind().sweepsLengths() ? "their own lengths" : lengths.isEmpty() ? "max_len " + data.maxLen()
                : "lengths " + lengths;
    }

    /** The sequence lengths the plan trains at: the sweep, or data.max_len alone. */
    public List<Integer> runLengths() {
        return lengths.isEmpty() ? List.of(data.maxLen()) : lengths;
    }

    /** Every (length, arm, seed) combination, lengths outermost so each length's data is made once. */
    public List<Trial> trials() {
        List<Trial> trials = new ArrayList<>();
        for (int length : runLengths()) {
            DataSpec d = data.withMaxLen(length);
            for (Arm arm : allArms()) {
                for (long seed : seeds) {
                    trials.add(new Trial(name, arm.name(), arm.variant(), arm.baseline(), seed, d, arm.model().forLength(length),
                            arm.train(), !lengths.isEmpty()));
                }
            }
        }
        return trials;
    }

    public Plan withName(String newName) {
        return new Plan(newName, description, variants, seeds, data, model, train, lengths, arms, baselines, search);
    }

    /**
     * The plan's settings for one variant alone (its extra arms included), whether or not the plan lists
     * it: how the per-variant IDE mains run a variant the default plan leaves out (peephole LSTM, GRU, ...).
     */
    public Plan only(Variant variant) {
        return new Plan(name, description, List.of(variant), seeds, data, model, train, lengths,
                arms.stream().filter(a -> a.variant() == variant).toList(), baselines, search);
    }

    /** The same plan for some variants alone (their extra arms included). */
    public Plan onlyVariants(List<Variant> keep) {
        return new Plan(name, description, variants.stream().filter(keep::contains).toList(), seeds, data, model, train,
                lengths, arms.stream().filter(a -> keep.contains(a.variant())).toList(), baselines, search);
    }

    /** The recurrent arms a search tunes: one per variant, then the extra arms (baselines are not tuned). */
    public List<Arm> tunedArms() {
        return allArms().stream().filter(a -> a.variant() != null).toList();
    }

}
