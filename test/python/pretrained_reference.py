"""Weights and logits from PyTorch for Netwright's pretrained-weights tests.

    pretrained_reference.py make OUT NAME...   for each model: OUT/NAME.pth (torch.save of its
        state_dict), OUT/NAME.safetensors (written here by hand: the format is a JSON header and
        raw bytes, and Debian has no safetensors package), and OUT/NAME.json with the logits of
        OUT/image.png, a fixed 224×224 photo-like image, in eval mode; batch 1.
    pretrained_reference.py check FILE NAME [CLASSES]   load FILE into NAME (with CLASSES outputs,
        default 1000) with strict=True and print the logits of image.png in FILE's folder as JSON.
    pretrained_reference.py exported MODEL_PY CLASS NAME SIZE   NAME's seeded state_dict loaded
        with strict=True into CLASS of MODEL_PY (Netwright's exported PyTorch); prints both models'
        logits for one seeded random SIZE×SIZE input as JSON {"ours": […], "theirs": […]}.

Weights come from torch.manual_seed(0) through torchvision's own initialisation, with BatchNorm's
running statistics and affine parameters drawn too, so the test sees them converted. NAME is a
torchvision model, or se_resnet50: torchvision's ResNet-50 with timm's SE module (fc1 and fc2 as
1×1 convolutions with bias, reduction 16, after bn3), the layout of timm's `seresnet50`.
"""
import importlib.util
import json
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn
import torchvision.models as models
from PIL import Image
from torchvision.models.resnet import Bottleneck, ResNet

MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]


class SEModule(nn.Module):
    def __init__(self, channels, reduction=16):
        super().__init__()
        self.fc1 = nn.Conv2d(channels, channels // reduction, 1, bias=True)
        self.fc2 = nn.Conv2d(channels // reduction, channels, 1, bias=True)

    def forward(self, x):
        s = x.mean((2, 3), keepdim=True)
        return x * torch.sigmoid(self.fc2(torch.relu(self.fc1(s))))


class SEBottleneck(Bottleneck):
    def __init__(self, inplanes, planes, *args, **kwargs):
        super().__init__(inplanes, planes, *args, **kwargs)
        self.se = SEModule(planes * self.expansion)

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.se(self.bn3(self.conv3(out)))
        return self.relu(out + identity)


def build(name, classes=1000):
    if name == "se_resnet50":
        return ResNet(SEBottleneck, [3, 4, 6, 3], num_classes=classes)
    return getattr(models, name)(num_classes=classes)


def seeded(name):
    torch.manual_seed(0)
    model = build(name)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
                m.running_mean.uniform_(-0.2, 0.2)
                m.running_var.uniform_(0.5, 1.5)
                m.num_batches_tracked.fill_(7)
    return model.eval()


def image(path):
    """A smooth colour field with texture: 224×224, the same on every machine."""
    if not os.path.exists(path):
        y, x = np.mgrid[0:224, 0:224] / 223.0
        rgb = np.stack([x, y, 0.5 + 0.5 * np.sin(6 * x + 4 * y)], axis=-1)
        rgb += 0.15 * np.sin(40 * x)[..., None] * np.cos(33 * y)[..., None]
        Image.fromarray((np.clip(rgb, 0, 1) * 255).round().astype(np.uint8)).save(path)
    pixels = np.asarray(Image.open(path).convert("RGB"), dtype=np.float32) / 255.0
    x = (pixels - np.array(MEAN, dtype=np.float32)) / np.array(STD, dtype=np.float32)
    return torch.from_numpy(x.transpose(2, 0, 1).copy()).unsqueeze(0)


def logits(model, folder):
    with torch.no_grad():
        return model(image(os.path.join(folder, "image.png")))[0].tolist()


def write_safetensors(state, path):
    header, chunks, offset = {}, [], 0
    for name, t in state.items():
        t = t.contiguous()
        dtype = {torch.float32: "F32", torch.int64: "I64"}[t.dtype]
        data = t.numpy().tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    head = json.dumps(header).encode()
    head += b" " * ((8 - (8 + len(head)) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(head)))
        f.write(head)
        for c in chunks:
            f.write(c)


def make(folder, names):
    for name in names:
        model = seeded(name)
        state = model.state_dict()
        torch.save(state, os.path.join(folder, name + ".pth"))
        write_safetensors(state, os.path.join(folder, name + ".safetensors"))
        with open(os.path.join(folder, name + ".json"), "w") as f:
            json.dump({"logits": logits(model, folder)}, f)


def check(path, name, classes):
    model = build(name, classes).eval()
    model.load_state_dict(torch.load(path), strict=True)
    print(json.dumps({"logits": logits(model, os.path.dirname(path))}))


def exported(path, cls, name, size):
    spec = importlib.util.spec_from_file_location("exported_model", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    theirs = seeded(name)
    ours = getattr(module, cls)().eval()
    ours.load_state_dict(theirs.state_dict(), strict=True)
    x = torch.randn(1, 3, size, size, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        print(json.dumps({"ours": ours(x)[0].tolist(), "theirs": theirs(x)[0].tolist()}))


if __name__ == "__main__":
    torch.set_num_threads(max(1, (os.cpu_count() or 2) // 2))
    if sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3:])
    elif sys.argv[1] == "exported":
        exported(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        check(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 1000)
