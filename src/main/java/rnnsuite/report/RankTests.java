package rnnsuite.report;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Several methods compared over several datasets, as Demšar (2006) recommends: each dataset ranks the methods
 * (1 = best, ties share the mean of the ranks they span), the Friedman test asks whether the mean ranks differ
 * (χ² with k − 1 degrees of freedom, and Iman and Davenport's F, which is less conservative), and two post-hoc
 * tests say which differences to believe: Nemenyi's critical difference for every pair, and Holm's step-down
 * procedure against one control method. Commons Math gives the ranking and the distributions; the Nemenyi
 * quantile is the studentized range's at infinite degrees of freedom, computed here because Commons Math lacks it.
 * The statistics use Demšar's formulas, without the tie correction some packages apply to χ².
 */
public final class RankTests {

    private static final NormalDistribution NORMAL = new NormalDistribution();

    private RankTests() {
    }

    /** Ranks of one dataset's scores: 1 is the best, tied scores share the mean of their ranks. */
    public static double[] ranks(double[] scores, boolean higherIsBetter) {
        for (double s : scores) {
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("a score to rank is " + s + ": every method needs a finite score on every dataset");
            }
        }
        double[] oriented = higherIsBetter ? Arrays.stream(scores).map(s -> -s).toArray() : scores.clone();
        return new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(oriented);
    }

    /**
     * The Friedman test over N datasets and k methods.
     *
     * @param meanRanks each method's rank averaged over the datasets
     * @param chiSquare Friedman's statistic, χ² with k − 1 degrees of freedom under the null hypothesis
     * @param imanDavenport Iman and Davenport's statistic, F with k − 1 and (k − 1)(N − 1) degrees of freedom
     */
    public record Friedman(int datasets, int methods, double[] meanRanks, double chiSquare, double pChiSquare,
            double imanDavenport, double pImanDavenport) {
    }

    /**
     * @param scores scores[dataset][method]
     * @param higherIsBetter per dataset: whether its metric grows with quality (accuracy) or shrinks (a loss)
     */
    public static Friedman friedman(double[][] scores, boolean[] higherIsBetter) {
        int n = scores.length;
        if (n < 2) {
            throw new IllegalArgumentException("the Friedman test needs at least 2 datasets, got " + n);
        }
        if (higherIsBetter.length != n) {
            throw new IllegalArgumentException(n + " datasets but " + higherIsBetter.length + " metric directions");
        }
        int k = scores[0].length;
        if (k < 2) {
            throw new IllegalArgumentException("the Friedman test needs at least 2 methods, got " + k);
        }
        double[] meanRanks = new double[k];
        for (int d = 0; d < n; d++) {
            if (scores[d].length != k) {
                throw new IllegalArgumentException("dataset " + (d + 1) + " scores " + scores[d].length + " methods, the first " + k);
            }
            double[] r = ranks(scores[d], higherIsBetter[d]);
            for (int j = 0; j < k; j++) {
                meanRanks[j] += r[j] / n;
            }
        }
        return friedman(meanRanks, n);
    }

    /** The Friedman test from the methods' mean ranks over n datasets (Demšar's worked examples give these). */
    public static Friedman friedman(double[] meanRanks, int n) {
        int k = meanRanks.length;
        if (n < 2 || k < 2) {
            throw new IllegalArgumentException("the Friedman test needs at least 2 datasets and 2 methods, got " + n + " and " + k);
        }
        double sumSquares = Arrays.stream(meanRanks).map(r -> r * r).sum();
        double chi = 12.0 * n / (k * (k + 1.0)) * (sumSquares - k * (k + 1.0) * (k + 1.0) / 4.0);
        chi = Math.max(0, chi); // rounding can leave -1e-15 where every dataset ties
        double pChi = 1 - new ChiSquaredDistribution(k - 1).cumulativeProbability(chi);
        double denominator = n * (k - 1.0) - chi;
        // every dataset ranking the methods alike makes χ² its maximum, N(k − 1), and F infinite
        double f = denominator <= 1e-12 ? Double.POSITIVE_INFINITY : (n - 1.0) * chi / denominator;
        double pF = Double.isInfinite(f) ? 0.0 : 1 - new FDistribution(k - 1, (k - 1.0) * (n - 1.0)).cumulativeProbability(f);
        return new Friedman(n, k, meanRanks.clone(), chi, pChi, f, pF);
    }

    /**
     * Nemenyi's q_α for k methods: the studentized range's upper α quantile at infinite degrees of freedom over √2
     * (Demšar's Table 5a: 1.960, 2.343, 2.569, … for k = 2, 3, 4, …).
     */
    public static double nemenyiQ(int k, double alpha) {
        if (k < 2) {
            throw new IllegalArgumentException("Nemenyi's test needs at least 2 methods, got " + k);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie in (0, 1), got " + alpha);
        }
        double lo = 0;
        double hi = 12;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (rangeCdf(mid, k) < 1 - alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2 / Math.sqrt(2);
    }

    /** P(max − min of k standard normals ≤ w) = k ∫ φ(z) [Φ(z) − Φ(z − w)]^(k−1) dz, by Simpson's rule. */
    static double rangeCdf(double w, int k) {
        int steps = 4000;
        double a = -9;
        double b = 9 + w;
        double h = (b - a) / steps;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double z = a + i * h;
            double f = NORMAL.density(z) * Math.pow(NORMAL.cumulativeProbability(z) - NORMAL.cumulativeProbability(z - w), k - 1);
            sum += (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2) * f;
        }
        return k * sum * h / 3;
    }

    /** Nemenyi's critical difference: two mean ranks further apart than this differ at level α. */
    public static double criticalDifference(int k, int n, double alpha) {
        return nemenyiQ(k, alpha) * standardError(k, n);
    }

    /** The standard error of a difference of two mean ranks, √(k(k + 1) / (6N)). */
    public static double standardError(int k, int n) {
        return Math.sqrt(k * (k + 1.0) / (6.0 * n));
    }

    /**
     * Holm's step-down test of every method against a control: z = (R_i − R_control) / SE, two-sided normal p,
     * the smallest p compared with α/(k − 1), the next with α/(k − 2), … until one is not rejected.
     *
     * @param adjustedP Holm's adjusted p-values (min(1, (k − i)·p), running maximum), NaN for the control
     * @param rejected whether the method differs from the control at level α (false for the control)
     */
    public record Holm(int control, double[] z, double[] p, double[] adjustedP, boolean[] rejected) {
    }

    public static Holm holm(double[] meanRanks, int n, int control, double alpha) {
        int k = meanRanks.length;
        if (control < 0 || control >= k) {
            throw new IllegalArgumentException("control " + control + " is not one of the " + k + " methods");
        }
        double se = standardError(k, n);
        double[] z = new double[k];
        double[] p = new double[k];
        for (int j = 0; j < k; j++) {
            z[j] = j == control ? Double.NaN : (meanRanks[j] - meanRanks[control]) / se;
            p[j] = j == control ? Double.NaN : 2 * (1 - NORMAL.cumulativeProbability(Math.abs(z[j])));
        }
        Integer[] order = IntStream.range(0, k).filter(j -> j != control).boxed()
                .sorted(Comparator.comparingDouble(j -> p[j])).toArray(Integer[]::new);
        double[] adjusted = new double[k];
        boolean[] rejected = new boolean[k];
        adjusted[control] = Double.NaN;
        int m = order.length;
        double running = 0;
        boolean stillRejecting = true;
        for (int i = 0; i < m; i++) {
            int j = order[i];
            running = Math.max(running, Math.min(1, (m - i) * p[j]));
            adjusted[j] = running;
            stillRejecting = stillRejecting && p[j] < alpha / (m - i);
            rejected[j] = stillRejecting;
        }
        return new Holm(control, z, p, adjusted, rejected);
    }

    /** The method with the lowest (best) mean rank; the first of equals. */
    public static int best(double[] meanRanks) {
        return IntStream.range(0, meanRanks.length).boxed().min(Comparator.comparingDouble(j -> meanRanks[j])).orElseThrow();
    }
}
