package rnnsuite.experiments;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import rnnsuite.data.PreparedCache;
import rnnsuite.data.PreparedData;
import rnnsuite.train.Trial;

/** Runs the trials in this process, one after another, on data prepared once per length. */
public final class LocalEngine implements TrialEngine {

    @Override
    public void run(List<Trial> trials, RunStore store, PrintStream out, Finished finished) {
        PreparedData data = null;
        for (int i = 0; i < trials.size(); i++) {
            Trial trial = trials.get(i);
            if (data == null || !data.spec().equals(trial.data())) {
                data = PreparedCache.get(trial.data()); // once per length (and shared with the cost estimate)
                out.println(data.summary().describe());
            }
            out.printf(Locale.ROOT, "[%d/%d] %s%n", i + 1, trials.size(), trial.runId());
            finished.accept(VariantExperiment.runTrial(trial, data, TerminalProgress.forOutput(out, trial.runId()), store),
                    data.summary());
        }
    }

    @Override
    public String describe() {
        return "local (this process, one run at a time)";
    }
}
