#!/usr/bin/python3
"""Baseline of bench_features: the same networks as DQ Studio's built-in ConvNet-3 and
CIFAR-form ResNet-18, in Python with Debian's python3-torch, on the first N Fashion-MNIST
training images (normalised with mean 0.2860, std 0.3530, held in memory as one tensor).

  /usr/bin/python3 bench_features_python.py --model convnet|resnet18 --task extract|train
                   [--n N] [--batch B] [--threads T] [--fmnist DIR]

extract: eval mode, torch.inference_mode(), logits and embedding of every image, then the
reference's gradient factor b = d CE(softmax(z), y) / dz (closed form, like dq).
train: one epoch of SGD (lr 0.1, momentum 0.9, Nesterov, weight decay 5e-4, batch 128).
Prints one JSON line: {"images_per_s": ..., "seconds": ..., "n": ...}.
"""
import argparse
import gzip
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvNet(nn.Module):
    def __init__(self, channel=1, classes=10, width=128, depth=3, im=(28, 28)):
        super().__init__()
        layers, c, h, w = [], channel, im[0], im[1]
        for d in range(depth):
            pad = 3 if channel == 1 and d == 0 else 1
            layers += [nn.Conv2d(c, width, 3, padding=pad), nn.GroupNorm(width, width, affine=True),
                       nn.ReLU(inplace=True), nn.AvgPool2d(2, 2)]
            h, w = (h + 2 * pad - 2) // 2, (w + 2 * pad - 2) // 2
            c = width
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Linear(width * h * w, classes)

    def forward(self, x):
        e = self.features(x).flatten(1)
        return self.classifier(e), e


class BasicBlock(nn.Module):
    def __init__(self, inp, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inp, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = None
        if stride != 1 or inp != planes:
            self.downsample = nn.Sequential(nn.Conv2d(inp, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)), inplace=True)
        out = self.bn2(self.conv2(out))
        out += x if self.downsample is None else self.downsample(x)
        return F.relu(out, inplace=True)


class ResNet18(nn.Module):
    """CIFAR form: 3x3 stem, stride 1, no max-pool (DeepCore's)."""

    def __init__(self, channel=1, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(channel, 64, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        layers, inp = [], 64
        for planes, stride in ((64, 1), (128, 2), (256, 2), (512, 2)):
            layers.append(nn.Sequential(BasicBlock(inp, planes, stride), BasicBlock(planes, planes, 1)))
            inp = planes
        self.layer1, self.layer2, self.layer3, self.layer4 = layers
        self.fc = nn.Linear(512, classes)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)), inplace=True)
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        e = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return self.fc(e), e


def load(n, folder):
    with gzip.open(os.path.join(folder, "train-images-idx3-ubyte.gz")) as f:
        x = np.frombuffer(f.read(), np.uint8, offset=16)[: n * 784].reshape(n, 1, 28, 28)
    with gzip.open(os.path.join(folder, "train-labels-idx1-ubyte.gz")) as f:
        y = np.frombuffer(f.read(), np.uint8, offset=8)[:n].astype(np.int64)
    x = (torch.from_numpy(x.astype(np.float32)) / 255.0 - 0.2860) / 0.3530
    return x, torch.from_numpy(y)


def gradient_factor(z, y):
    p = F.softmax(z.double(), 1)
    g = F.softmax(p, 1)
    g[torch.arange(len(y)), y] -= 1
    return (p * (g - (p * g).sum(1, keepdim=True))).float()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="convnet", choices=["convnet", "resnet18"])
    ap.add_argument("--task", default="extract", choices=["extract", "train"])
    ap.add_argument("--n", type=int, default=4096)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--fmnist", default="/usr/share/datasets/fashion-mnist")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    x, y = load(a.n, a.fmnist)
    net = ConvNet() if a.model == "convnet" else ResNet18()
    if a.task == "extract":
        net.eval()
        b_all = torch.empty(a.n, 10)
        e_all = None
        t0 = time.perf_counter()
        with torch.inference_mode():
            for i in range(0, a.n, a.batch):
                z, e = net(x[i:i + a.batch])
                if e_all is None:
                    e_all = torch.empty(a.n, e.shape[1])
                e_all[i:i + len(e)] = e
                b_all[i:i + len(e)] = gradient_factor(z, y[i:i + a.batch])
        seconds = time.perf_counter() - t0
    else:
        net.train()
        opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, nesterov=True, weight_decay=5e-4)
        order = torch.randperm(a.n)
        t0 = time.perf_counter()
        for i in range(0, a.n, 128):
            idx = order[i:i + 128]
            opt.zero_grad()
            loss = F.cross_entropy(net(x[idx])[0], y[idx])
            loss.backward()
            opt.step()
            loss.item()
        seconds = time.perf_counter() - t0
    print(json.dumps({"images_per_s": a.n / seconds, "seconds": seconds, "n": a.n, "model": a.model,
                      "task": a.task, "threads": a.threads, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
