#!/usr/bin/python3
"""Baseline of bench_evaluate: one evaluation run of dq evaluate's recipe in Python with
Debian's python3-torch, on the same MNIST-style IDX folder (raw files written by
bench_evaluate): a freshly initialised ConvNet-3 (width W) or CIFAR-form ResNet-18
(bench_features_python's networks) trained for E epochs on every training image with SGD
(lr 0.1, momentum 0.9, weight decay 5e-4), a cosine schedule over all steps, batch 128,
random crop (2 pixels of black padding) and horizontal flip per image, then tested on the
whole test split after every epoch, as dq evaluate does.

  /usr/bin/python3 bench_evaluation_python.py --data DIR --model convnet|resnet18
                   [--width W] [--epochs E] [--threads T]

Prints one JSON line: {"images_per_s": ..., "seconds": ..., ...}; images are those trained
on plus those tested, over all epochs.
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_features_python import ConvNet, ResNet18  # noqa: E402

MEAN, STD = 0.2860, 0.3530


def load(folder, prefix):
    with open(os.path.join(folder, prefix + "-images-idx3-ubyte"), "rb") as f:
        raw = f.read()
    n, h, w = (int.from_bytes(raw[k:k + 4], "big") for k in (4, 8, 12))
    x = np.frombuffer(raw, np.uint8, offset=16).reshape(n, 1, h, w)
    with open(os.path.join(folder, prefix + "-labels-idx1-ubyte"), "rb") as f:
        y = np.frombuffer(f.read(), np.uint8, offset=8).astype(np.int64)
    return (torch.from_numpy(x.astype(np.float32)) / 255.0 - MEAN) / STD, torch.from_numpy(y)


def augment(batch, pad=2):
    """RandomCrop(pad) with black padding, then RandomHorizontalFlip, per image."""
    n, _, h, w = batch.shape
    padded = F.pad(batch, (pad, pad, pad, pad), value=-MEAN / STD)
    out = torch.empty_like(batch)
    dy = torch.randint(0, 2 * pad + 1, (n,))
    dx = torch.randint(0, 2 * pad + 1, (n,))
    flip = torch.rand(n) < 0.5
    for k in range(n):
        crop = padded[k, :, dy[k]:dy[k] + h, dx[k]:dx[k] + w]
        out[k] = crop.flip(-1) if flip[k] else crop
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--model", default="convnet", choices=["convnet", "resnet18"])
    ap.add_argument("--width", type=int, default=32)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    x, y = load(a.data, "train")
    tx, ty = load(a.data, "t10k")
    net = ConvNet(width=a.width) if a.model == "convnet" else ResNet18()
    opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
    steps = a.epochs * math.ceil(len(x) / 128)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, steps)
    t0 = time.perf_counter()
    accuracy = 0.0
    for _ in range(a.epochs):
        net.train()
        order = torch.randperm(len(x))
        loss_sum = torch.zeros((), dtype=torch.float64)
        for i in range(0, len(x), 128):
            idx = order[i:i + 128]
            opt.zero_grad()
            loss = F.cross_entropy(net(augment(x[idx]))[0], y[idx])
            loss.backward()
            opt.step()
            sched.step()
            loss_sum += loss.detach().double() * len(idx)
        net.eval()
        correct = 0
        with torch.inference_mode():
            for i in range(0, len(tx), 500):
                correct += int((net(tx[i:i + 500])[0].argmax(1) == ty[i:i + 500]).sum())
        accuracy = correct / len(tx)
        float(loss_sum)
    seconds = time.perf_counter() - t0
    images = a.epochs * (len(x) + len(tx))
    print(json.dumps({"images_per_s": images / seconds, "seconds": seconds, "train": len(x), "test": len(tx),
                      "epochs": a.epochs, "accuracy": accuracy, "model": a.model, "threads": a.threads,
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
