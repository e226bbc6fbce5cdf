"""Parameter counts and multiply-accumulates of torchvision's reference models, as JSON.

Multiply-accumulates count convolution and linear layers only, for one 224×224 image:
a convolution does (output elements) × (kernel area) × (input channels / groups).
"""
import json
import sys

import torch
import torchvision.models as models


def macs(model, size=224):
    total = 0

    def conv(m, _inp, out):
        nonlocal total
        total += out.numel() * m.kernel_size[0] * m.kernel_size[1] * (m.in_channels // m.groups)

    def linear(m, _inp, out):
        nonlocal total
        total += out.numel() * m.in_features

    for m in model.modules():
        if isinstance(m, torch.nn.Conv2d):
            m.register_forward_hook(conv)
        elif isinstance(m, torch.nn.Linear):
            m.register_forward_hook(linear)
    model.eval()
    with torch.no_grad():
        model(torch.zeros(1, 3, size, size))
    return total


result = {}
for name in sys.argv[1:]:
    model = getattr(models, name)()
    result[name] = {"params": sum(p.numel() for p in model.parameters()), "macs": macs(model)}
print(json.dumps(result))
