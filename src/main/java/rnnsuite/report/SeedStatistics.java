package rnnsuite.report;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/**
 * Statistics over seeds, from Apache Commons Math: mean, sample standard deviation and the 95%
 * confidence interval of the mean (Student's t with n − 1 degrees of freedom), and paired comparisons
 * of two arms over matching seeds (paired t-test; Wilcoxon signed-rank, exact for n ≤ 30). With fewer
 * than two values an interval or test is undefined and comes back as NaN.
 */
public final class SeedStatistics {

    private SeedStatistics() {
    }

    /** mean, std, ci95 low, ci95 high. */
    public static double[] describe(double[] values) {
        SummaryStatistics s = new SummaryStatistics();
        Arrays.stream(values).forEach(s::addValue);
        double mean = values.length == 0 ? Double.NaN : s.getMean();
        if (values.length < 2) {
            return new double[] {mean, Double.NaN, Double.NaN, Double.NaN};
        }
        double std = s.getStandardDeviation();
        double half = new TDistribution(values.length - 1).inverseCumulativeProbability(0.975) * std / Math.sqrt(values.length);
        return new double[] {mean, std, mean - half, mean + half};
    }

    /** Paired comparison of a and b (same seeds, same order). */
    public record Paired(int pairs, double meanDifference, double ciLow, double ciHigh, double t, double pT, double pWilcoxon) {
    }

    public static Paired paired(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples differ in length: " + a.length + " vs " + b.length);
        }
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        double[] diff = describe(d);
        if (a.length < 2) {
            return new Paired(a.length, diff[0], Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        boolean allEqual = Arrays.stream(d).allMatch(x -> x == d[0]);
        double t = allEqual ? Double.NaN : new TTest().pairedT(a, b);
        double pT = allEqual ? (d[0] == 0 ? 1.0 : 0.0) : new TTest().pairedTTest(a, b);
        boolean allZero = Arrays.stream(d).allMatch(x -> x == 0);
        // Commons Math doubles the one-sided exact p-value without capping it (1.25 with tied differences).
        double pW = allZero ? 1.0 : Math.min(1.0, new WilcoxonSignedRankTest().wilcoxonSignedRankTest(a, b, a.length <= 30));
        return new Paired(a.length, diff[0], diff[2], diff[3], t, pT, pW);
    }
}
