package rnnsuite.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import rnnsuite.data.DataSpec;
import rnnsuite.model.Baseline;
import rnnsuite.model.ModelSpec;
import rnnsuite.model.Variant;

/**
 * One run of a plan: an arm (a labelled variant with its settings), a sequence length when the plan
 * sweeps lengths, and a seed.
 *
 * @param arm      the label results are grouped by: the variant's name, or the plan's name for an extra arm
 * @param variant  the recurrent cell, or null for a baseline run
 * @param baseline the baseline model, or null for a recurrent run
 * @param swept    whether the plan sweeps lengths (then the length is part of the run id)
 * @param candidate set for a hyperparameter search's candidate (trained on validation only), else null
 */
public record Trial(String plan, String arm, Variant variant, Baseline baseline, long seed, DataSpec data, ModelSpec model,
                    TrainSpec train, boolean swept, @JsonInclude(JsonInclude.Include.NON_NULL) Candidate candidate) {

    /**
     * A search candidate: its number within its arm and length, the searched values it was drawn (plan
     * key → value, as the plan writes them), and when it was promoted from a shorter rung, the run it
     * continues from (same settings, fewer epochs) and that run's epochs.
     */
    public record Candidate(int number, Map<String, JsonNode> values, @JsonProperty("resume_from") String resumeFrom,
                            @JsonProperty("resume_epochs") Integer resumeEpochs) {
        public Candidate {
            if (number < 0 || (resumeFrom == null) != (resumeEpochs == null)) {
                throw new IllegalArgumentException("a candidate needs a number, and resume_from with resume_epochs or neither");
            }
            values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(values));
        }
    }

    public Trial {
        if ((variant == null) == (baseline == null)) {
            throw new IllegalArgumentException("a run is either a recurrent variant or a baseline: " + arm);
        }
        if (candidate != null && (baseline != null || candidate.resumeEpochs() != null && candidate.resumeEpochs() >= train.epochs())) {
            throw new IllegalArgumentException("a search candidate is a recurrent run that trains beyond the run it continues: " + arm);
        }
    }

    /** An ordinary run of a plan. */
    public Trial(String plan, String arm, Variant variant, Baseline baseline, long seed, DataSpec data, ModelSpec model,
                 TrainSpec train, boolean swept) {
        this(plan, arm, variant, baseline, seed, data, model, train, swept, null);
    }

    /** Epochs this run trains itself: all of them, or those after the run it continues. */
    public int epochsToTrain() {
        return train.epochs() - epochsContinued();
    }

    /** Epochs of the run it continues (a promoted search candidate's shorter run), or 0. */
    public int epochsContinued() {
        return candidate == null || candidate.resumeEpochs() == null ? 0 : candidate.resumeEpochs();
    }

    /** The variant column of runs.csv: the cell, or the baseline's name. */
    public String kind() {
        return variant != null ? variant.id() : baseline.id();
    }

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /**
     * Unique within a plan and readable in CSVs and file names: {@code arm[-T<length>][-c<candidate>-e<epochs>]-s<seed>-<hash>},
     * where the hash covers every setting of the run, so a changed setting never counts as the same, finished run.
     */
    public String runId() {
        return arm + (swept ? "-T" + data.maxLen() : "")
                + (candidate == null ? "" : String.format(java.util.Locale.ROOT, "-c%02d-e%d", candidate.number(), train.epochs()))
                + "-s" + seed + "-" + configHash();
    }

    /** The first six hex digits of the SHA-256 of the run's settings as canonical JSON. */
    public String configHash() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("arm", arm);
        settings.put("variant", kind());
        settings.put("seed", seed);
        settings.put("data", data);
        settings.put("model", model);
        settings.put("train", train);
        if (candidate != null) {
            settings.put("candidate", candidate); // left out otherwise: ordinary runs keep their ids
        }
        try {
            byte[] json = CANONICAL.writeValueAsString(settings).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json)).substring(0, 6);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the settings of run " + arm + "-s" + seed, e);
        }
    }
}
