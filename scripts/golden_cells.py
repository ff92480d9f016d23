#!/usr/bin/env python3
"""Golden values for the suite's GRU, minGRU, minLSTM and IndRNN layers, computed once with PyTorch 1.13 in float64.

For each cell, without and with a mask, a small layer (3 inputs, 4 units, batch 3, 6 steps) with fixed random
weights and input: its outputs and, for the loss sum(out * R) with a fixed random R, the gradients of the
weights, biases and input. Written to src/test/resources/golden/cells.json, which RecurrentCellTest reads
(the tests never need PyTorch).

- gru: torch.nn.GRU itself (reset gate after the recurrent product); with a mask, right-padded sequences go
  through pack_padded_sequence / pad_packed_sequence, so padded steps output 0 as in the suite.
- min_gru, min_lstm: the sequential-mode equations of Feng et al. 2024 ("Were RNNs All We Needed?") written
  in torch, differentiated by autograd; masked steps output 0 and pass 0 on, as the suite's layers do.
- ind_rnn: Li et al. 2018, h_t = relu(x_t W + b + u * h_{t-1}) with one recurrent weight per unit, written in
  torch the same way (PyTorch has no IndRNN layer). Its cases come after the others, so adding them left the
  earlier cases' random draws, and values, as they were.

Layouts are the suite's (DL4J's): x [batch, nIn, T], out [batch, H, T], W [nIn, k*H], RW [H, 3H] (IndRNN: u as
[1, H]), b [k*H] (GRU: [b_ih | b_hh], gate order r, z, n as PyTorch).

Usage: /usr/bin/python3 scripts/golden_cells.py
"""
import json
import os

import torch

N_IN, H, BATCH, T = 3, 4, 3, 6
LENGTHS = [6, 4, 1]  # right padding with a mask


def rand(gen, *shape):
    return (torch.rand(*shape, generator=gen, dtype=torch.float64) - 0.5) * 1.6


def gru_case(gen, masked):
    x = rand(gen, BATCH, T, N_IN).requires_grad_()
    w, rw, b = rand(gen, N_IN, 3 * H), rand(gen, H, 3 * H), rand(gen, 6 * H)
    r_eps = rand(gen, BATCH, T, H)
    gru = torch.nn.GRU(N_IN, H, batch_first=True).double()
    with torch.no_grad():
        gru.weight_ih_l0.copy_(w.T)
        gru.weight_hh_l0.copy_(rw.T)
        gru.bias_ih_l0.copy_(b[:3 * H])
        gru.bias_hh_l0.copy_(b[3 * H:])
    if masked:
        packed = torch.nn.utils.rnn.pack_padded_sequence(x, torch.tensor(LENGTHS), batch_first=True, enforce_sorted=False)
        out, _ = gru(packed)
        out, _ = torch.nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=T)
    else:
        out, _ = gru(x)
    (out * r_eps).sum().backward()
    grads = {"W": gru.weight_ih_l0.grad.T, "RW": gru.weight_hh_l0.grad.T,
             "b": torch.cat([gru.bias_ih_l0.grad, gru.bias_hh_l0.grad])}
    return x, {"W": w, "RW": rw, "b": b}, r_eps, out, grads


def min_case(gen, masked, lstm):
    blocks = 3 if lstm else 2
    x = rand(gen, BATCH, T, N_IN).requires_grad_()
    w = rand(gen, N_IN, blocks * H).requires_grad_()
    b = rand(gen, blocks * H).requires_grad_()
    r_eps = rand(gen, BATCH, T, H)
    mask = mask_of(masked)
    h = torch.zeros(BATCH, H, dtype=torch.float64)
    outs = []
    for t in range(T):
        p = x[:, t, :] @ w + b
        if lstm:
            f, i, cand = torch.sigmoid(p[:, :H]), torch.sigmoid(p[:, H:2 * H]), p[:, 2 * H:]
            h = (f / (f + i)) * h + (i / (f + i)) * cand
        else:
            z, cand = torch.sigmoid(p[:, :H]), p[:, H:]
            h = (1 - z) * h + z * cand
        h = h * mask[:, t:t + 1]
        outs.append(h)
    out = torch.stack(outs, dim=1)
    (out * r_eps).sum().backward()
    return x, {"W": w.detach(), "b": b.detach()}, r_eps, out, {"W": w.grad, "b": b.grad}


def ind_case(gen, masked):
    x = rand(gen, BATCH, T, N_IN).requires_grad_()
    w = rand(gen, N_IN, H).requires_grad_()
    u = rand(gen, 1, H).requires_grad_()
    b = rand(gen, H).requires_grad_()
    r_eps = rand(gen, BATCH, T, H)
    mask = mask_of(masked)
    h = torch.zeros(BATCH, H, dtype=torch.float64)
    outs = []
    for t in range(T):
        h = torch.relu(x[:, t, :] @ w + b + u * h) * mask[:, t:t + 1]
        outs.append(h)
    out = torch.stack(outs, dim=1)
    (out * r_eps).sum().backward()
    return x, {"W": w.detach(), "RW": u.detach(), "b": b.detach()}, r_eps, out, {"W": w.grad, "RW": u.grad, "b": b.grad}


def mask_of(masked):
    m = torch.ones(BATCH, T, dtype=torch.float64)
    if masked:
        for i, n in enumerate(LENGTHS):
            m[i, n:] = 0
    return m


def ncw(a):
    """[batch, T, n] -> nested lists [batch, n, T]."""
    return a.detach().permute(0, 2, 1).tolist()


def main():
    gen = torch.Generator().manual_seed(20241002)
    cases = []
    for cell in ["gru", "min_gru", "min_lstm", "ind_rnn"]:
        for masked in [False, True]:
            if cell == "gru":
                x, params, r_eps, out, grads = gru_case(gen, masked)
            elif cell == "ind_rnn":
                x, params, r_eps, out, grads = ind_case(gen, masked)
            else:
                x, params, r_eps, out, grads = min_case(gen, masked, cell == "min_lstm")
            cases.append({
                "cell": cell, "masked": masked,
                "mask": mask_of(masked).tolist(),
                "x": ncw(x), "epsilon": ncw(r_eps), "out": ncw(out),
                "params": {k: v.tolist() for k, v in params.items()},
                "grads": {k: v.detach().tolist() for k, v in grads.items()},
                "dx": ncw(x.grad),
            })
    path = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "golden", "cells.json")
    with open(path, "w") as f:
        json.dump({"generator": "scripts/golden_cells.py", "torch": torch.__version__,
                   "n_in": N_IN, "units": H, "batch": BATCH, "steps": T, "cases": cases}, f)
        f.write("\n")
    print("wrote", os.path.normpath(path), "with torch", torch.__version__)


if __name__ == "__main__":
    main()
