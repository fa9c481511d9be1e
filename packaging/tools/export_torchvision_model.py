#!/usr/bin/python3
"""Export a torchvision ResNet with its ImageNet weights as a TorchScript feature model
for DQ Studio (`dq features --model torchscript:FILE`), in the contract the README's
"Feature models" section describes:

  forward(x)     -> logits, N x 1000
  embed(x)       -> the penultimate features, N x 512 (resnet18/34) or N x 2048
  classify(e)    -> logits from embed(x)'s output (fc)
  feature_map(x) -> the last convolutional block, N x K x 7 x 7 at 224 (for GradCAM)
  attributes: input_size [224, 224], input_channels 3, ImageNet mean and std

The weights come from a local file (nothing is downloaded), e.g. the file torchvision
itself caches: ~/.cache/torch/hub/checkpoints/resnet18-f37072fd.pth.

  /usr/bin/python3 export_torchvision_model.py \\
      --weights ~/.cache/torch/hub/checkpoints/resnet18-f37072fd.pth --out resnet18_imagenet.pt

Needs torch and torchvision (Debian: python3-torch python3-torchvision). DQ Studio
itself also loads that .pth directly: `dq features --model resnet18-imagenet --weights FILE`.
"""
import argparse
import os
import sys
from typing import List

import torch
import torch.nn as nn

ARCHS = ("resnet18", "resnet34", "resnet50", "resnet101", "resnet152")


class ResNetFeatureModel(nn.Module):
    input_size: List[int]
    input_channels: int
    mean: List[float]
    std: List[float]

    def __init__(self, net, size):
        super().__init__()
        self.net = net
        self.input_size = [size, size]
        self.input_channels = 3
        self.mean = [0.485, 0.456, 0.406]
        self.std = [0.229, 0.224, 0.225]

    @torch.jit.export
    def feature_map(self, x):
        n = self.net
        x = n.maxpool(n.relu(n.bn1(n.conv1(x))))
        return n.layer4(n.layer3(n.layer2(n.layer1(x))))

    @torch.jit.export
    def embed(self, x):
        return torch.flatten(self.net.avgpool(self.feature_map(x)), 1)

    @torch.jit.export
    def classify(self, e):
        return self.net.fc(e)

    def forward(self, x):
        return self.classify(self.embed(x))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--weights", required=True, help="a torchvision state_dict file (.pth)")
    ap.add_argument("--arch", default="resnet18", choices=ARCHS)
    ap.add_argument("--input-size", type=int, default=224)
    ap.add_argument("--out", required=True, help="the TorchScript file to write")
    a = ap.parse_args()
    try:
        import torchvision
    except ImportError:
        sys.exit("export_torchvision_model.py: torchvision is not installed (Debian: apt install python3-torchvision)")
    net = getattr(torchvision.models, a.arch)()  # no weights argument: nothing is downloaded
    state = torch.load(os.path.expanduser(a.weights), map_location="cpu")
    if isinstance(state, dict) and "state_dict" in state and not any(k.endswith(".weight") for k in state):
        state = state["state_dict"]
    net.load_state_dict(state)  # strict: every key must match
    model = torch.jit.script(ResNetFeatureModel(net, a.input_size).eval())
    with torch.no_grad():
        x = torch.zeros(2, 3, a.input_size, a.input_size)
        assert model(x).shape[0] == 2 and model.embed(x).dim() == 2
    model.save(a.out)
    print("%s: %s, %d classes, embedding %d, input 3 x %d x %d" % (
        a.out, a.arch, net.fc.out_features, net.fc.in_features, a.input_size, a.input_size))


if __name__ == "__main__":
    main()
