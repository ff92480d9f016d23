package rnnsuite.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rnnsuite.data.DataSpec;
import rnnsuite.experiments.search.Bracket;
import rnnsuite.experiments.search.Objective;
import rnnsuite.experiments.search.Ranking;
import rnnsuite.experiments.search.SearchMethod;
import rnnsuite.experiments.search.SearchSpec;
import rnnsuite.report.Study;
import rnnsuite.train.RunRecord;
import rnnsuite.train.Trial;

/**
 * A plan with a {@code search} section, in three phases.
 * <ol>
 * <li><b>Search.</b> The same configurations are drawn for every recurrent arm (and length) from the plan's space.
 * Bracket by bracket (one for random search and successive halving, several for Hyperband) and rung by rung each live
 * candidate trains as an ordinary run with its own folder; a candidate promoted to a longer rung continues from its
 * shorter run's last checkpoint. Candidates are ranked by the best validation score they reached so far; one whose
 * early stopping ran out of patience is finished and frees the epochs it did not train. Candidates never read the
 * test split. A rung's runs go to the engine together, so Spark trains them side by side.</li>
 * <li><b>Deciding.</b> The two best finished candidates of each arm are re-trained from scratch on a second seed (the
 * search's seed + 1); the winner is the one with the better mean of its two best scores, so one seed's luck does
 * not decide alone ({@link #decide}).</li>
 * <li><b>Final comparison.</b> Each arm's winner re-trained as {@code <arm>_tuned} at the winning epochs, beside the
 * recipe (the arm as the plan sets it) and the baselines, on seeds 1…final_seeds: the paired tests and intervals of
 * any plan.</li>
 * </ol>
 * Runs finished before are kept, as for any plan, so a killed search goes on where it stopped. The epochs a search
 * spends are the epochs its candidates trained, counted per arm.
 */
final class Tuner {

    /**
     * Runs a phase's trials (those not finished before) and returns their records in order, the results folder
     * rewritten from {@code earlier} runs and these; {@code tuning} is the search as the report shows it.
     */
    @FunctionalInterface
    interface Phase {
        List<RunRecord> run(List<Trial> trials, List<RunRecord> earlier, Study.Tuning tuning);
    }

    private final Plan plan;
    private final Phase phase;
    private final Path dir;
    private final PrintStream out;
    private final SearchSpec search;
    private final SearchMethod method;

    /** @param phase how the plan runner runs a phase's trials (a rung, the final comparison) */
    Tuner(Plan plan, Phase phase, Path dir, PrintStream out) {
        this.plan = plan;
        this.phase = phase;
        this.dir = dir;
        this.out = out;
        this.search = plan.search();
        this.method = search.searchMethod();
    }

    /** The search as the report describes it, or null for a plan without one. */
    static Study.Tuning describe(Plan plan) {
        SearchSpec s = plan.search();
        if (s == null) {
            return null;
        }
        List<String> log = s.space().entrySet().stream().filter(e -> e.getValue().logScale()).map(Map.Entry::getKey).toList();
        return new Study.Tuning(s.method(), s.objective().id(), s.objective().maximise(), List.copyOf(s.space().keySet()), log,
                budget(s.searchMethod()), List.of(), true);
    }

    private static String budget(SearchMethod m) {
        return String.format(Locale.ROOT, "%s; at most %d epochs per arm, and the two finalists again on a second seed",
                m.describe(), m.budgetEpochs());
    }

    /** One arm at one length: what is tuned together. */
    private record Group(Plan.Arm arm, int length) {
    }

    List<RunRecord> run() {
        List<Map<String, JsonNode>> draws = search.draws();
        List<Group> groups = new ArrayList<>();
        for (int length : plan.runLengths()) {
            plan.tunedArms().forEach(arm -> groups.add(new Group(arm, length)));
        }
        out.printf(Locale.ROOT, "plan %s: search over %s for arms %s × %s: %s; then each arm's best%s on seeds "
                        + "%s; results in %s%n", plan.name(), search.space().keySet(),
                plan.tunedArms().stream().map(Plan.Arm::name).toList(), plan.lengthsLabel(), budget(method),
                search.compareRecipe() ? " and its recipe" : "", plan.seeds(), dir);

        // --- phase 1: the search, bracket by bracket and rung by rung; candidates judged on the validation split only
        List<RunRecord> candidates = new ArrayList<>();
        List<Bracket> brackets = method.brackets();
        for (int b = 0; b < brackets.size(); b++) {
            Bracket bracket = brackets.get(b);
            Map<Group, List<Integer>> alive = new LinkedHashMap<>();
            Map<Group, Map<Integer, Trial>> lastRun = new LinkedHashMap<>();
            for (Group g : groups) {
                List<Integer> all = new ArrayList<>();
                for (int i = 0; i < bracket.candidates(); i++) {
                    all.add(bracket.first() + i);
                }
                alive.put(g, all);
                lastRun.put(g, new LinkedHashMap<>());
            }
            List<Integer> rungs = bracket.rungs();
            for (int r = 0; r < rungs.size(); r++) {
                List<Trial> trials = new ArrayList<>();
                for (Group g : groups) {
                    for (int number : alive.get(g)) {
                        Trial previous = r == 0 ? null : lastRun.get(g).get(number);
                        Trial trial = candidate(g, number, draws.get(number), rungs.get(r), previous, search.seed());
                        trials.add(trial);
                        lastRun.get(g).put(number, trial);
                    }
                }
                if (trials.isEmpty()) {
                    break;
                }
                out.printf(Locale.ROOT, "search %srung %d of %d: %d candidate run(s) at %d epochs%n",
                        brackets.size() > 1 ? "bracket " + (b + 1) + " of " + brackets.size() + ", " : "", r + 1, rungs.size(),
                        trials.size(), rungs.get(r));
                List<RunRecord> records = phase.run(trials, candidates, describe(plan));
                candidates.addAll(records);
                for (Group g : groups) {
                    alive.put(g, bracket.promote(r, of(g, records), search.objective()));
                }
            }
        }

        // --- phase 2: the two best finished candidates of each arm again on a second seed; the better mean wins
        Map<Group, List<RunRecord>> finalists = new LinkedHashMap<>();
        List<Trial> deciding = new ArrayList<>();
        for (Group g : groups) {
            List<RunRecord> finished = Ranking.finished(of(g, candidates), search.objective(), search.seed(), search.maxEpochs());
            List<RunRecord> top = finished.subList(0, Math.min(2, finished.size()));
            finalists.put(g, top);
            if (top.size() == 2) {
                for (RunRecord f : top) {
                    Trial t = f.trial();
                    deciding.add(candidate(g, t.candidate().number(), draws.get(t.candidate().number()), t.train().epochs(), null,
                            search.seed() + 1));
                }
            }
        }
        if (!deciding.isEmpty()) {
            out.printf(Locale.ROOT, "deciding: the two best candidates of each arm on seed %d, %d run(s)%n", search.seed() + 1,
                    deciding.size());
            candidates.addAll(phase.run(deciding, candidates, describe(plan)));
        }
        spent(groups, candidates);

        // --- phase 3: each arm's winner re-trained from scratch beside its recipe, on the final seeds
        List<String> winners = new ArrayList<>();
        List<Trial> finals = new ArrayList<>();
        for (int length : plan.runLengths()) {
            DataSpec data = plan.data().withMaxLen(length);
            for (Plan.Arm arm : plan.allArms()) {
                List<Plan.Arm> arms = new ArrayList<>(List.of(arm));
                if (arm.variant() != null) {
                    Group g = new Group(arm, length);
                    Trial winner = decide(finalists.get(g), of(g, candidates), search.objective()).trial();
                    winners.add(winner.runId());
                    out.printf(Locale.ROOT, "best %s at length %d: candidate %d, %d epochs, %s%n", arm.name(), length,
                            winner.candidate().number(), winner.train().epochs(), winner.candidate().values());
                    arms.add(tuned(arm, winner));
                    if (!search.compareRecipe()) {
                        arms.remove(arm);
                    }
                }
                for (Plan.Arm a : arms) {
                    for (long seed : plan.seeds()) {
                        finals.add(new Trial(plan.name(), a.name(), a.variant(), a.baseline(), seed, data,
                                a.model().forLength(length), a.train(), !plan.lengths().isEmpty()));
                    }
                }
            }
        }
        out.printf(Locale.ROOT, "final comparison: %d run(s)%n", finals.size());
        return phase.run(finals, candidates, describe(plan).withWinners(winners));
    }

    /**
     * The winner among an arm's finalists (best first, on the search's seed): the better mean of each one's best score
     * over its runs at its epochs on every seed, ties to the one ranked first; the only finalist where there is one.
     */
    static RunRecord decide(List<RunRecord> finalists, List<RunRecord> candidates, Objective objective) {
        if (finalists.isEmpty()) {
            throw new IllegalStateException("no finished candidate to choose from");
        }
        RunRecord chosen = finalists.get(0);
        double best = Double.NaN;
        for (RunRecord f : finalists) {
            double mean = candidates.stream().filter(r -> r.trial().candidate().number() == f.trial().candidate().number()
                            && r.trial().train().epochs() == f.trial().train().epochs() && r.trial().candidate().resumeFrom() == null
                            || r == f)
                    .mapToDouble(objective::best).average().orElse(Double.NaN);
            if (!Double.isNaN(mean) && (Double.isNaN(best) || (objective.maximise() ? mean > best : mean < best))) {
                best = mean;
                chosen = f;
            }
        }
        return chosen;
    }

    /** Says the epochs each arm's search trained (early stopping makes it less than the budget). */
    private void spent(List<Group> groups, List<RunRecord> candidates) {
        List<String> parts = new ArrayList<>();
        for (Group g : groups) {
            long epochs = of(g, candidates).stream().mapToLong(RunRecord::epochsTrained).sum();
            parts.add(g.arm().name() + (plan.runLengths().size() > 1 ? " T=" + g.length() : "") + " " + epochs);
        }
        out.printf(Locale.ROOT, "search spent (epochs trained per arm, deciding runs included): %s%n", String.join(", ", parts));
    }

    /** The finished candidates of one arm at one length. */
    private static List<RunRecord> of(Group g, List<RunRecord> records) {
        return records.stream().filter(rec -> rec.trial().arm().equals(g.arm().name()) && rec.trial().data().maxLen() == g.length())
                .toList();
    }

    /** The drawn values a cell takes: a bias of a gate the cell lacks is left out of its runs (a forget bias for a GRU, say). */
    static Map<String, JsonNode> applicable(rnnsuite.model.Variant variant, Map<String, JsonNode> values) {
        Map<String, JsonNode> applied = new LinkedHashMap<>(values);
        if (!variant.hasForgetGate()) {
            applied.remove("model.forget_bias");
        }
        if (!variant.hasUpdateGate()) {
            applied.remove("model.update_bias");
        }
        return applied;
    }

    /** A candidate's run at a rung: the arm with the drawn values, on {@code seed}, continuing {@code previous}. */
    private Trial candidate(Group g, int number, Map<String, JsonNode> values, int epochs, Trial previous, long seed) {
        Map<String, JsonNode> applied = applicable(g.arm().variant(), values);
        Plan.Arm arm = PlanReader.configure(g.arm(), applied, epochs);
        Trial.Candidate c = previous == null ? new Trial.Candidate(number, applied, null, null)
                : new Trial.Candidate(number, applied, previous.runId(), previous.train().epochs());
        return new Trial(plan.name(), arm.name(), arm.variant(), null, seed, plan.data().withMaxLen(g.length()),
                arm.model().forLength(g.length()), arm.train(), !plan.lengths().isEmpty(), c);
    }

    /** The winner's settings as an ordinary arm, {@code <arm>_tuned}, keeping the plan's checkpoint setting. */
    private Plan.Arm tuned(Plan.Arm arm, Trial winner) {
        var train = winner.train().withKeepCheckpoints(arm.train().keepCheckpoints());
        return new Plan.Arm(tunedName(arm.name()), arm.variant(), null, winner.model(), train);
    }

    /** The arm a search's final comparison re-trains an arm's winner as. */
    static String tunedName(String arm) {
        return arm + "_tuned";
    }
}
