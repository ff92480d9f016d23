package rnnsuite.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import rnnsuite.data.DatasetSummary;
import rnnsuite.io.Json;

/**
 * What the report says about the study as a whole.
 *
 * @param name        the plan name (results folder)
 * @param description one line for the report's header
 * @param command     the command that reproduces the study
 * @param data        the dataset card
 * @param tuning      the plan's hyperparameter search, or null for a plan without one
 */
public record Study(String name, String description, String command, DatasetSummary data,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Tuning tuning) {

    /** The file of a results folder that holds its study, so {@code report} can rebuild the page. */
    public static final String FILE = "study.json";

    /** The study of a results folder, if a plan wrote one there (an unreadable one counts as none). */
    public static Optional<Study> read(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            return Files.isRegularFile(file) ? Optional.of(Json.read(file, Study.class)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Study(String name, String description, String command, DatasetSummary data) {
        this(name, description, command, data, null);
    }

    /**
     * A search as the report describes it.
     *
     * @param method     random, asha or hyperband
     * @param objective  val_accuracy or val_loss, measured on the validation split
     * @param maximise   whether a higher objective is better
     * @param parameters the searched plan keys, in the plan's order
     * @param logScale   the parameters drawn on a log scale (read on a log axis)
     * @param budget     one line: trials, rungs and epochs per arm
     * @param winners    the run ids of the candidates the search chose, one per arm and length (empty while it runs)
     * @param bestSoFar  candidates ranked by their best validation score so far and the winner chosen between two
     *                   finalists on two seeds; false (absent) in searches recorded before, ranked by the last epoch's
     */
    public record Tuning(String method, String objective, boolean maximise, List<String> parameters, List<String> logScale,
                         String budget, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> winners,
                         @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean bestSoFar) {

        public Tuning {
            winners = winners == null ? List.of() : List.copyOf(winners);
        }

        /** The same search once it has chosen. */
        public Tuning withWinners(List<String> chosen) {
            return new Tuning(method, objective, maximise, parameters, logScale, budget, chosen, bestSoFar);
        }
    }
}
