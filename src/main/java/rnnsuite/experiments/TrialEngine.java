package rnnsuite.experiments;

import java.io.PrintStream;
import java.util.List;
import rnnsuite.data.DatasetSummary;
import rnnsuite.train.RunRecord;
import rnnsuite.train.Trial;

/**
 * Where a plan's pending trials run: {@link LocalEngine} in this process, one or several at a time, or
 * {@link SparkEngine} as Spark tasks. Either way each finished run's directory is complete in the
 * {@link RunStore} (result.json last) before {@link Finished#accept} sees it, so resuming and the
 * results folder work the same.
 */
public interface TrialEngine {

    /** Receives each run as soon as it is finished and stored, with the summary of the data it ran on. */
    @FunctionalInterface
    interface Finished {
        void accept(RunRecord record, DatasetSummary data);
    }

    /** Runs the trials (none of them finished before), calling {@code finished} once for each. */
    void run(List<Trial> trials, RunStore store, PrintStream out, Finished finished);

    /** One line for the log: what runs the trials. */
    String describe();

    /** How many runs train at once (for the time estimate). */
    default int parallel() {
        return 1;
    }

    /** Threads each run's fast layers get (for the time estimate, which times a step with as many). */
    default int threadsPerRun() {
        return rnnsuite.runtime.Natives.threads();
    }
}
