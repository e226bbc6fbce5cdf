"""Runs generated PyTorch modules and reports what they build, as JSON, for pytorch.test.ts.

Reads {"models": [{"id", "path", "cls", "input": [C, H, W], "run": bool, "torchvision": name|null}]}
on stdin. Every model is built with its weights left uninitialised and moved to the "meta"
device, where a forward pass computes shapes without arithmetic: the 224×224 nets cost
milliseconds instead of minutes. Models with "run" also execute as __main__ on real tensors.

For each model: parameter count, output shape, and the Conv2d (in, out, kernel, stride, groups)
and Linear (in, out) layers in the order forward runs them; the same for the torchvision model.
"""
import contextlib
import importlib.util
import io
import json
import runpy
import sys
import traceback
import warnings

import torch
from torch import nn
from torch.nn.modules.lazy import LazyModuleMixin

warnings.filterwarnings("ignore", message="Lazy modules are a new feature")

torch.set_num_threads(2)
INITS = [n for n in dir(nn.init) if n.endswith("_") and not n.startswith("_")]


@contextlib.contextmanager
def no_init():
    """Weights are never read on the meta device: skip filling them."""
    saved = {n: getattr(nn.init, n) for n in INITS}
    try:
        for n in INITS:
            setattr(nn.init, n, lambda t, *a, **k: t)
        yield
    finally:
        for n, f in saved.items():
            setattr(nn.init, n, f)


def trace(model, shape):
    layers = []
    model.eval()
    if any(isinstance(m, LazyModuleMixin) for m in model.modules()):
        # Lazy modules cannot take their sizes on the meta device: one real pass first.
        with torch.no_grad():
            model(torch.zeros(2, *shape))

    def conv(m, _inp, _out):
        layers.append(["conv", m.in_channels, m.out_channels, list(m.kernel_size), list(m.stride), m.groups])

    def linear(m, _inp, _out):
        layers.append(["linear", m.in_features, m.out_features])

    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.LazyConv2d)):
            m.register_forward_hook(conv)
        elif isinstance(m, (nn.Linear, nn.LazyLinear)):
            m.register_forward_hook(linear)
    model.to("meta")
    with torch.no_grad():
        y = model(torch.zeros(2, *shape, device="meta"))
    outputs = y if isinstance(y, (tuple, list)) else [y]
    return {
        "params": sum(p.numel() for p in model.parameters()),
        "outputs": [list(t.shape) for t in outputs],
        "layers": layers,
    }


def check(spec):
    result = {}
    if spec.get("run"):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            runpy.run_path(spec["path"], run_name="__main__")
        result["main"] = out.getvalue()
    module_spec = importlib.util.spec_from_file_location("netwright_" + spec["id"].replace("-", "_"), spec["path"])
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    with no_init():
        result.update(trace(getattr(module, spec["cls"])(), spec["input"]))
        if spec.get("torchvision"):
            import torchvision.models as models

            result["torchvision"] = trace(getattr(models, spec["torchvision"])(), [3, 224, 224])
    return result


report = {}
for spec in json.load(sys.stdin)["models"]:
    try:
        report[spec["id"]] = check(spec)
    except Exception:
        report[spec["id"]] = {"error": traceback.format_exc()}
print(json.dumps(report))
