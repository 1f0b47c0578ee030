#!/usr/bin/python3
"""torch_mlp.py: the benchmark's PyTorch side (make bench).

The same run as `classify --data fashion-mnist`: 784-256-128-10, ReLU hidden
layers, softmax cross-entropy (mean over the batch), weights He-uniform on
[-sqrt(6/n_in), sqrt(6/n_in)] and zero biases, SGD with momentum (PyTorch's
v = m v + g, w -= lr v, which equals classify's v = m v - lr g, w += v at a
constant rate; with the per-epoch decay lr * decay^(e-1) the two differ
only in how much of the old velocity the new rate rescales), batches of 64 drawn from a fresh shuffle every epoch, inputs
scaled to [0, 1].  float32, PyTorch's usual precision.  Prints one line per
epoch and a last line "torch: S s/epoch, test accuracy A".
"""
import argparse
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
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    d = a.data_dir
    Xtr = torch.tensor(idx(d + "/train-images-idx3-ubyte.gz", 3).reshape(-1, 784) / 255.0, dtype=torch.float32)
    ytr = torch.tensor(idx(d + "/train-labels-idx1-ubyte.gz", 1), dtype=torch.long)
    Xte = torch.tensor(idx(d + "/t10k-images-idx3-ubyte.gz", 3).reshape(-1, 784) / 255.0, dtype=torch.float32)
    yte = torch.tensor(idx(d + "/t10k-labels-idx1-ubyte.gz", 1), dtype=torch.long)

    net = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 10))
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
