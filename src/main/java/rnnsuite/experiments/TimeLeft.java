package rnnsuite.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import rnnsuite.train.RunRecord;
import rnnsuite.train.Trial;

/**
 * The wall time a plan has left, said after each finished run: the estimate's schedule of the runs left, scaled by
 * how the finished runs' training compared with their estimate (runs still training are counted whole, so it errs
 * long by at most a run). Without an estimate (a search's rungs), the time so far per unit of relative cost.
 */
final class TimeLeft {

    private final long start = System.nanoTime();
    /** The runs not finished yet, in the engine's order. */
    private final List<Trial> left;
    private final int parallel;
    /** Each run's estimate by run id, or null. */
    private final Map<String, CostEstimate.RunCost> schedule;
    private final double costTotal;
    private double costDone;
    /** Training seconds of the runs finished so far: measured, and as the estimate had them. */
    private double trainedSeconds;
    private double estimatedSeconds;

    /** @param schedule each run's estimate by run id, or null when the estimate does not cover these runs */
    TimeLeft(List<Trial> order, int parallel, Map<String, CostEstimate.RunCost> schedule) {
        this.left = new ArrayList<>(order);
        this.parallel = parallel;
        this.schedule = schedule;
        this.costTotal = order.stream().mapToDouble(CostEstimate::relativeCost).sum();
    }

    /** Seconds left once {@code record} has finished. */
    double after(RunRecord record) {
        left.removeIf(t -> t.runId().equals(record.runId()));
        if (schedule == null) {
            costDone += CostEstimate.relativeCost(record.trial());
            return (System.nanoTime() - start) / 1e9 / costDone * (costTotal - costDone);
        }
        CostEstimate.RunCost estimate = schedule.get(record.runId());
        if (estimate.trainSecondsPerEpoch() > 0) {
            trainedSeconds += record.outcome().trainSeconds();
            estimatedSeconds += estimate.trainSecondsPerEpoch() * record.outcome().epochs().size();
        }
        double scale = estimatedSeconds > 0 ? trainedSeconds / estimatedSeconds : 1;
        return scale * CostEstimate.makespan(left.stream().map(t -> schedule.get(t.runId()).seconds()).toList(), parallel);
    }
}
