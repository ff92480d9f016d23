#!/usr/bin/env python3
"""Optional reference: the suite's benchmark model in PyTorch, for a back-to-back comparison.

Same shapes as `rnn-suite bench`: 3 recurrent layers of 128 units with dropout 0.5 between them and
before the softmax, Adam (1e-3), cross-entropy, fixed random data, one training step per batch. --task
classify (default): --features random values per step, a softmax over 2 classes from the last step. --task
chars: character ids from a vocabulary of --features (default 65) through an embedding of 100, a softmax
over the vocabulary at every step (the loss averaged over steps, which changes no cost). Every thread pool is pinned to --threads (OpenMP, OpenBLAS, MKL and torch's own) before
torch loads, so two spinning pools cannot distort the figures. glibc's allocator is told to keep freed memory
(mallopt, as MALLOC_MMAP_THRESHOLD_/MALLOC_TRIM_THRESHOLD_ would): by default torch's activations of a few MB
come from fresh mmap pages every step, and the LSTM at batch 32 on one thread ran at 118-187 samples/s in a
fresh process against 233-246 with the memory kept.

Needs PyTorch (Debian: apt-get install python3-torch libopenblas0-pthread, then run with /usr/bin/python3;
without libopenblas0 Debian's torch multiplies with the reference BLAS and is ~6x slower). Not part of the
test run.

Usage: /usr/bin/python3 scripts/bench_pytorch.py --variant lstm --batch 32 --seq-len 100 --features 100 --threads 1
       /usr/bin/python3 scripts/bench_pytorch.py --task chars --variant simple_rnn gru lstm --batch 32 --threads 1
"""
import argparse
import os
import sys
import time


def keep_freed_memory():
    """Blocks up to 32 MB (glibc's largest mmap threshold) from the heap, which is never trimmed: PyTorch at its best."""
    try:
        import ctypes
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return  # not glibc: its allocator, as it is
    m_trim_threshold, m_mmap_threshold = -1, -3
    libc.mallopt(m_mmap_threshold, 32 * 1024 * 1024)
    libc.mallopt(m_trim_threshold, 2 ** 30)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--variant", choices=["simple_rnn", "gru", "lstm"], nargs="+", default=["simple_rnn", "lstm"])
    ap.add_argument("--batch", type=int, nargs="+", default=[32, 128])
    ap.add_argument("--seq-len", type=int, default=100)
    ap.add_argument("--task", choices=["classify", "chars"], default="classify")
    ap.add_argument("--features", type=int, default=None, help="values per step, or the vocabulary of chars "
                    "(default 100, chars 65)")
    ap.add_argument("--units", type=int, default=128)
    ap.add_argument("--layers", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1, help="OpenMP, MKL and torch intra-op threads")
    ap.add_argument("--blas-threads", type=int, default=None,
                    help="OpenBLAS threads (default: --threads). On 2 vCPUs torch=1, blas=2 was PyTorch's fastest "
                         "2-thread setting; torch=2, blas=2 (two spinning pools) collapsed it.")
    ap.add_argument("--seconds", type=float, default=20.0, help="measured time per configuration")
    ap.add_argument("--warmup", type=float, default=5.0)
    args = ap.parse_args()

    if args.features is None:
        args.features = 65 if args.task == "chars" else 100
    chars = args.task == "chars"
    blas = args.blas_threads if args.blas_threads is not None else args.threads
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)
    os.environ["OPENBLAS_NUM_THREADS"] = str(blas)
    keep_freed_memory()
    try:
        import torch
        from torch import nn
    except ImportError:
        sys.exit("PyTorch is not installed: apt-get install python3-torch (Debian) and run with /usr/bin/python3")
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)

    class Stack(nn.Module):
        def __init__(self, cell):
            super().__init__()
            rnn = {"simple_rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}[cell]
            self.embed = nn.Embedding(args.features, 100) if chars else None
            width = 100 if chars else args.features
            self.layers = nn.ModuleList(
                rnn(width if i == 0 else args.units, args.units, batch_first=True) for i in range(args.layers))
            self.drop = nn.Dropout(0.5)
            self.out = nn.Linear(args.units, args.features if chars else 2)

        def forward(self, x):
            if chars:
                x = self.embed(x)
            for layer in self.layers:
                x = self.drop(layer(x)[0])
            if chars:
                return self.out(x).reshape(-1, args.features)  # every step
            return self.out(x[:, -1, :])

    for variant in args.variant:
        for batch in args.batch:
            model = Stack(variant)
            opt = torch.optim.Adam(model.parameters(), lr=1e-3)
            loss_fn = nn.CrossEntropyLoss()
            if chars:
                x = torch.randint(0, args.features, (batch, args.seq_len))
                y = torch.randint(0, args.features, (batch * args.seq_len,))
            else:
                x = torch.rand(batch, args.seq_len, args.features)
                y = torch.randint(0, 2, (batch,))

            def step():
                opt.zero_grad()
                loss_fn(model(x), y).backward()
                opt.step()

            end = time.perf_counter() + args.warmup
            while time.perf_counter() < end:
                step()
            steps, start = 0, time.perf_counter()
            while time.perf_counter() - start < args.seconds:
                step()
                steps += 1
            rate = steps * batch / (time.perf_counter() - start)
            print(f"BENCH framework=pytorch-{torch.__version__} task={args.task} variant={variant} batch={batch} "
                  f"seq_len={args.seq_len} features={args.features} threads={args.threads} blas_threads={blas} "
                  f"samples_per_sec={rate:.1f}",
                  flush=True)


if __name__ == "__main__":
    main()
