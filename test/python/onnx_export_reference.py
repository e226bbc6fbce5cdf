"""Export torchvision models to ONNX as a third party would: torch.onnx.export, opset 13.

    python3 onnx_export_reference.py DIR resnet18 vgg16 ...

For each model: DIR/<name>.onnx (random weights from torch.manual_seed(0), eval mode, a
1x3x224x224 input; BatchNorm kept as its own operator, not folded into the convolution) and one
line of JSON on stdout: {"model": name, "params": the sum of p.numel() over model.parameters()}.
"""
import json
import os
import sys

import torch
import torchvision

torch.set_num_threads(1)


def export(folder, name):
    torch.manual_seed(0)
    model = getattr(torchvision.models, name)().eval()
    x = torch.zeros(1, 3, 224, 224)
    path = os.path.join(folder, name + ".onnx")
    # PRESERVE keeps BatchNormalization as an operator (EVAL would fold it into the Conv before it).
    torch.onnx.export(model, x, path, opset_version=13, training=torch.onnx.TrainingMode.PRESERVE,
                      input_names=["input"], output_names=["output"])
    params = sum(p.numel() for p in model.parameters())
    print(json.dumps({"model": name, "params": params}), flush=True)


if __name__ == "__main__":
    for n in sys.argv[2:]:
        export(sys.argv[1], n)
