#!/usr/bin/env python3
"""The test metrics of each run's best-validation checkpoint (checkpoints/best.zip, the epoch of lowest validation
loss), as early stopping would report them, beside the last epoch's that runs.csv holds. Runs the suite's
`evaluate` on every finished run of a study (search candidates and baselines left out) and writes
STUDY/best-epoch.csv: run_id, arm, seed, best_epoch, val_loss, then test_<metric> as `evaluate` prints them.
Needs the runs' checkpoints (they are not committed), Maven, and the project root as the working directory.

Usage: python3 scripts/best_epoch.py results/reference/seq-jsb
"""
import csv
import os
import re
import subprocess
import sys


def main(study):
    epochs = list(csv.DictReader(open(os.path.join(study, "epochs.csv"))))
    rows, names = [], None
    for run in sorted(os.listdir(os.path.join(study, "runs"))):
        best_zip = os.path.join(study, "runs", run, "checkpoints", "best.zip")
        if re.search(r"-c\d+-e\d+-", run) or not os.path.isfile(best_zip):
            continue  # a search candidate, or a baseline without a model
        out = subprocess.run(["mvn", "-q", "exec:java", "-Dexec.args=evaluate " + os.path.abspath(best_zip)],
                             capture_output=True, text=True, check=True).stdout
        now = next(line for line in out.splitlines() if "test now:" in line).split("test now:")[1]
        metrics = [part.strip().split(" ") for part in now.split(",")]
        names = names or ["test_" + name for name, _ in metrics]
        mine = [e for e in epochs if e["run_id"] == run]
        best = min(mine, key=lambda e: float(e["val_loss"]))
        rows.append([run, best["arm"], best["seed"], best["epoch"], best["val_loss"]] + [value for _, value in metrics])
        print(run, now.strip(), flush=True)
    path = os.path.join(study, "best-epoch.csv")
    with open(path + ".tmp", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["run_id", "arm", "seed", "best_epoch", "val_loss"] + names)
        w.writerows(rows)
    os.replace(path + ".tmp", path)
    print("wrote", path)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: scripts/best_epoch.py STUDY_DIR")
    main(sys.argv[1])
