#!/usr/bin/python3
"""torch_mlp.py: the benchmark's PyTorch side (make bench).

The same run as `classify --data fashion-mnist`: 784-256-128-10, ReLU hidden
layers, softmax cross-entropy (mean over the batch), weights He-uniform on
[-sqrt(6/n_in), sqrt(6/n_in)] and zero biases, SGD with momentum (PyTorch's
v = m v + g, w -= lr v, which equals classify's v = m v - lr g, w += v at a
constant rate; with the per-epoch decay lr * decay^(e-1) the two differ
only in how much of the old velocity the new rate rescales), batches of 64
drawn from a fresh shuffle every epoch, inputs scaled to [0, 1].  --dtype
float32 (PyTorch's usual precision) or float64 (classify's).

A peer must run as its users run it, so before training it reports what it
really uses, read from the process itself, not from what was asked for:
  "torch: blas PATH (CONFIG, KERNEL kernels), B BLAS threads, T torch threads"
PATH is the BLAS library mapped into this process (/proc/self/maps), which
is whatever Debian's libblas.so.3 alternative points to; CONFIG, KERNEL and
B come from OpenBLAS itself when it is OpenBLAS.  --threads N sets both
PyTorch's own thread count and OpenBLAS's: torch.set_num_threads() leaves
OpenBLAS's pool alone, so without the second a "1 thread" run would still
multiply matrices on every core.  It then checks that the library's matrix
products are exact on small integers, for every shape the training uses, in
the chosen precision (a BLAS kernel picked for the wrong processor can
return wrong numbers: that run would measure nothing).

Prints one line per epoch and a last line "torch: S s/epoch, test accuracy A".
"""
import argparse
import ctypes
import gzip
import struct
import sys
import time

import numpy as np
import torch


def idx(path, dims):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, *shape = struct.unpack(">%dI" % (dims + 1), data[: 4 * (dims + 1)])
    if magic != 0x800 | dims:
        sys.exit("%s: not an IDX file of %d dimensions" % (path, dims))
    return np.frombuffer(data, np.uint8, offset=4 * (dims + 1)).reshape(shape)


def blas_libraries():
    """The BLAS libraries mapped into this process, by path."""
    paths = []
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1]
            name = path.rsplit("/", 1)[-1]
            if ("blas" in name or "mkl" in name) and path not in paths:
                paths.append(path)
    return paths


def use_blas(threads):
    """Sets the BLAS's threads to `threads`; returns one line saying which
    BLAS this process runs and with how many threads."""
    torch.zeros(2, 2) @ torch.zeros(2, 2)  # loads the BLAS if it is lazy
    paths = blas_libraries()
    openblas = None
    for p in paths:
        try:
            lib = ctypes.CDLL(p)
            lib.openblas_get_config.restype = ctypes.c_char_p
            lib.openblas_get_corename.restype = ctypes.c_char_p
            lib.openblas_get_num_threads.restype = ctypes.c_int
            openblas = (p, lib)
            break
        except (OSError, AttributeError):
            continue
    if openblas:
        p, lib = openblas
        lib.openblas_set_num_threads(ctypes.c_int(threads))
        what = "%s (%s, %s kernels), %d BLAS threads" % (
            p, lib.openblas_get_config().decode().strip(),
            lib.openblas_get_corename().decode(), lib.openblas_get_num_threads())
    else:
        # Netlib's reference BLAS has no threads and no name to ask.
        what = "%s (not OpenBLAS: %s), 1 BLAS thread" % (
            ", ".join(paths) or "none found",
            "reference BLAS" if any("/blas/" in p for p in paths) else "unknown")
    return what


def check_products(dtype, shapes, threads):
    """Fails when a product of small-integer matrices is not exact."""
    g = torch.Generator().manual_seed(0)
    for m, k, n in shapes:
        for ta in (False, True):
            for tb in (False, True):
                a = torch.randint(-8, 9, (k, m) if ta else (m, k), generator=g)
                b = torch.randint(-8, 9, (n, k) if tb else (k, n), generator=g)
                a, b = (a.t() if ta else a), (b.t() if tb else b)
                if not torch.equal((a.to(dtype) @ b.to(dtype)).long(), a @ b):
                    sys.exit("torch: the BLAS multiplies %dx%d by %dx%d wrongly in %s with %d "
                             "threads: no benchmark" % (m, k, k, n, dtype, threads))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--momentum", type=float, default=0.9)
    ap.add_argument("--decay", type=float, default=0.8)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dtype", choices=("float32", "float64"), default="float32")
    a = ap.parse_args()
    dtype = getattr(torch, a.dtype)
    torch.set_num_threads(a.threads)
    blas = use_blas(a.threads)
    print("torch: %s %s, blas %s, %d torch threads" % (torch.__version__, a.dtype, blas,
                                                       torch.get_num_threads()), flush=True)
    B = a.batch
    check_products(dtype, [(B, 784, 256), (B, 256, 128), (B, 128, 10), (784, B, 256),
                           (256, B, 128), (128, B, 10), (B, 256, 784), (B, 128, 256),
                           (B, 10, 128)], a.threads)
    torch.manual_seed(a.seed)
    d = a.data_dir
    Xtr = torch.tensor(idx(d + "/train-images-idx3-ubyte.gz", 3).reshape(-1, 784) / 255.0, dtype=dtype)
    ytr = torch.tensor(idx(d + "/train-labels-idx1-ubyte.gz", 1), dtype=torch.long)
    Xte = torch.tensor(idx(d + "/t10k-images-idx3-ubyte.gz", 3).reshape(-1, 784) / 255.0, dtype=dtype)
    yte = torch.tensor(idx(d + "/t10k-labels-idx1-ubyte.gz", 1), dtype=torch.long)

    net = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 10)).to(dtype)
    with torch.no_grad():
        for m in net:
            if isinstance(m, torch.nn.Linear):
                s = (6.0 / m.in_features) ** 0.5
                m.weight.uniform_(-s, s)
                m.bias.zero_()
    opt = torch.optim.SGD(net.parameters(), lr=a.lr, momentum=a.momentum)
    sched = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=a.decay)
    loss_fn = torch.nn.CrossEntropyLoss()
    total = 0.0
    for e in range(1, a.epochs + 1):
        t0 = time.perf_counter()
        perm = torch.randperm(len(Xtr))
        run = 0.0
        for s in range(0, len(Xtr), a.batch):
            i = perm[s:s + a.batch]
            opt.zero_grad()
            loss = loss_fn(net(Xtr[i]), ytr[i])
            loss.backward()
            opt.step()
            run += loss.item() * len(i)
        sched.step()
        dt = time.perf_counter() - t0
        total += dt
        with torch.no_grad():
            acc = (net(Xte).argmax(1) == yte).float().mean().item()
        print("epoch %d loss %.6f test %.4f time %.2fs" % (e, run / len(Xtr), acc, dt), flush=True)
    print("torch: %.2f s/epoch, test accuracy %.4f" % (total / a.epochs, acc))


if __name__ == "__main__":
    main()
