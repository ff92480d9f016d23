#!/usr/bin/env python3
"""Golden values for RankTests (Friedman, Iman-Davenport, Nemenyi, Holm), computed once with SciPy, an
implementation independent of the suite's. Written to src/test/resources/golden/rank-tests.json, which
RankTestsTest reads (the tests never need Python).

Tables: Demsar (2006) Table 6 (AUC of four C4.5 variants on 14 data sets; higher is better; one row all tied)
and random tables with ties (scores rounded to one decimal) and without, some lower-is-better. Ranks come from
scipy.stats.rankdata (average ties, 1 = best); the Friedman chi-square is Demsar's formula on those ranks and,
where a table has no ties, also scipy.stats.friedmanchisquare (which corrects for ties, so it differs where
there are some); p-values from scipy.stats.chi2 and f; Nemenyi's q from scipy.stats.studentized_range at
infinite degrees of freedom over sqrt(2); Holm against the best mean rank, step-down, with scipy.stats.norm.

Usage: /usr/bin/python3 scripts/golden_rank_tests.py
"""
import json
import os

import numpy as np
from scipy import stats

DEMSAR = [[0.763, 0.768, 0.771, 0.798], [0.599, 0.591, 0.590, 0.569], [0.954, 0.971, 0.968, 0.967],
          [0.628, 0.661, 0.654, 0.657], [0.882, 0.888, 0.886, 0.898], [0.936, 0.931, 0.916, 0.931],
          [0.661, 0.668, 0.609, 0.685], [0.583, 0.583, 0.563, 0.625], [0.775, 0.838, 0.866, 0.875],
          [1.000, 1.000, 1.000, 1.000], [0.940, 0.962, 0.965, 0.962], [0.619, 0.666, 0.614, 0.669],
          [0.972, 0.981, 0.975, 0.975], [0.957, 0.978, 0.946, 0.970]]


def case(name, scores, higher, alpha=0.05):
    scores = np.asarray(scores, dtype=float)
    n, k = scores.shape
    ranks = np.array([stats.rankdata(-row if h else row) for row, h in zip(scores, higher)])
    mean_ranks = ranks.mean(axis=0)
    chi = 12.0 * n / (k * (k + 1)) * (np.sum(mean_ranks ** 2) - k * (k + 1) ** 2 / 4.0)
    tied = any(len(set(row)) < k for row in scores)
    if not tied:
        # the rank direction does not change the statistic where every dataset shares one direction
        if all(higher) or not any(higher):
            chi_scipy = stats.friedmanchisquare(*(scores[:, j] for j in range(k))).statistic
            assert abs(chi_scipy - chi) < 1e-9, (name, chi_scipy, chi)
    f = (n - 1) * chi / (n * (k - 1) - chi)
    se = np.sqrt(k * (k + 1) / (6.0 * n))
    q = stats.studentized_range.ppf(1 - alpha, k, np.inf) / np.sqrt(2)
    control = int(np.argmin(mean_ranks))
    z = (mean_ranks - mean_ranks[control]) / se
    p = 2 * stats.norm.sf(np.abs(z))
    others = sorted((j for j in range(k) if j != control), key=lambda j: p[j])
    m = len(others)
    adjusted = [None] * k
    rejected = [False] * k
    running, still = 0.0, True
    for i, j in enumerate(others):
        running = max(running, min(1.0, (m - i) * p[j]))
        adjusted[j] = float(running)
        still = still and p[j] < alpha / (m - i)
        rejected[j] = bool(still)
    return {
        "name": name, "scores": scores.tolist(), "higher_is_better": [bool(h) for h in higher], "alpha": alpha,
        "ranks": ranks.tolist(), "mean_ranks": mean_ranks.tolist(),
        "chi_square": float(chi), "p_chi_square": float(stats.chi2.sf(chi, k - 1)),
        "iman_davenport": float(f), "p_iman_davenport": float(stats.f.sf(f, k - 1, (k - 1) * (n - 1))),
        "nemenyi_q": float(q), "critical_difference": float(q * se), "control": control,
        "holm_z": [None if j == control else float(z[j]) for j in range(k)],
        "holm_p": [None if j == control else float(p[j]) for j in range(k)],
        "holm_adjusted_p": adjusted, "holm_rejected": rejected,
    }


def main():
    rng = np.random.default_rng(2006)
    cases = [case("demsar-table-6", DEMSAR, [True] * 14)]
    # 7 cells on 9 tasks, no ties, a loss on every task: scipy's own Friedman statistic applies
    cases.append(case("seven-by-nine", rng.normal(size=(9, 7)) + np.linspace(0, 1.5, 7), [False] * 9))
    # 5 methods on 6 datasets, rounded so ties occur, mixed directions
    cases.append(case("ties-mixed", np.round(rng.normal(size=(6, 5)), 1), [True, False, True, True, False, False]))
    # 3 methods on 10 datasets where one method is clearly best, at alpha 0.10
    cases.append(case("three-by-ten", rng.normal(size=(10, 3)) + [0.0, 0.8, 1.6], [False] * 10, alpha=0.10))
    out = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "golden", "rank-tests.json")
    with open(out, "w") as fh:
        json.dump({"generator": "scripts/golden_rank_tests.py", "scipy": __import__("scipy").__version__,
                   "cases": cases}, fh, indent=1)
        fh.write("\n")
    print("wrote", os.path.normpath(out), len(cases), "cases")


if __name__ == "__main__":
    main()
