"""Parameters of He et al. 2015's CIFAR-10 nets (section 4.2), written by hand in PyTorch, as JSON.

`cifar_reference.py 3 9` prints {"3": {"layers": 20, "plain": …, "A": …, "B": …}, "9": {…}}:
6n + 2 weighted layers, 16/32/64 filters. Plain nets have no shortcuts; option A's shortcut
subsamples and pads the new channels with zeros (no parameters); option B's is a 1×1 convolution
with BatchNorm where the shape changes. Each model runs on one zero image to prove it is whole.
"""
import json
import sys

import torch
import torch.nn.functional as F
from torch import nn


class Pair(nn.Module):
    """Two 3×3 convolutions with BatchNorm; with a shortcut (option "A" or "B"), H(x) = F(x) + x."""

    def __init__(self, cin, cout, stride, option):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.option, self.stride, self.extra = option, stride, cout - cin
        changes = stride != 1 or cin != cout
        self.projection = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm2d(cout)) if option == "B" and changes else None

    def forward(self, x):
        out = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        if self.option == "A":
            out = out + F.pad(x[:, :, :: self.stride, :: self.stride], (0, 0, 0, 0, 0, self.extra))
        elif self.option == "B":
            out = out + (self.projection(x) if self.projection is not None else x)
        return F.relu(out)


def cifar_net(n, option):
    layers = [nn.Conv2d(3, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU()]
    cin = 16
    for stage, cout in enumerate([16, 32, 64]):
        for b in range(n):
            layers.append(Pair(cin, cout, 2 if b == 0 and stage > 0 else 1, option))
            cin = cout
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10)]
    return nn.Sequential(*layers)


def weighted_layers(model):
    """Convolutions and linear layers on the main path (option B's projections are shortcuts)."""
    return sum(1 for name, m in model.named_modules() if isinstance(m, (nn.Conv2d, nn.Linear)) and "projection" not in name)


result = {}
for n in map(int, sys.argv[1:]):
    entry = {}
    for option in ("plain", "A", "B"):
        model = cifar_net(n, option).eval()
        with torch.no_grad():
            assert tuple(model(torch.zeros(1, 3, 32, 32)).shape) == (1, 10)
        entry[option] = sum(p.numel() for p in model.parameters())
        entry["layers"] = weighted_layers(model)
    result[n] = entry
print(json.dumps(result))
