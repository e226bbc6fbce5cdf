"""Build every template's generated PyTorch model on the device, check its parameter count against
the app's (expected.json, written by scripts/device-check.mjs) and run a dummy batch through it.
Prints a table; exits 1 when a model fails or a count differs.

    python3 check_models.py DIR   (DIR holds expected.json and models/<id>.py)
"""
import importlib.util
import json
import os
import sys
import time

import torch


def load_class(path, name):
    spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3].replace("-", "_"), path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


def check(folder, model_id, expected, device):
    torch.manual_seed(0)
    model = load_class(os.path.join(folder, "models", f"{model_id}.py"), expected["className"])().to(device).eval()
    x = torch.randn(2, *expected["input"], device=device)
    with torch.no_grad():
        model(x)  # a first pass gives Lazy modules their weights and warms the kernels up
        if device.type == "cuda":
            torch.cuda.synchronize()
        began = time.perf_counter()
        out = model(x)
        if device.type == "cuda":
            torch.cuda.synchronize()
    ms = (time.perf_counter() - began) * 1000
    out = out[0] if isinstance(out, (tuple, list)) else out
    params = sum(p.numel() for p in model.parameters())
    ok = params == expected["params"] and list(out.shape[1:]) == expected["output"] and bool(torch.isfinite(out).all())
    return ok, params, tuple(out.shape), ms


def main():
    folder = sys.argv[1]
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    with open(os.path.join(folder, "expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    print(f"torch {torch.__version__} on {torch.cuda.get_device_name() if device.type == 'cuda' else 'CPU'}")
    print(f"{'template':<16} {'app params':>12} {'torch params':>12} {'output':>12} {'forward ms':>10}  ok")
    failed = 0
    for model_id, e in expected.items():
        try:
            ok, params, shape, ms = check(folder, model_id, e, device)
            print(f"{model_id:<16} {e['params']:>12,} {params:>12,} {str(shape):>12} {ms:>10.1f}  {'yes' if ok else 'NO'}")
        except Exception as error:  # a model that does not build is a row of the report, not the end of it
            ok = False
            print(f"{model_id:<16} {e['params']:>12,} {'-':>12} {'-':>12} {'-':>10}  NO: {type(error).__name__}: {error}")
        failed += not ok
        if device.type == "cuda":
            torch.cuda.empty_cache()
    print(f"{len(expected) - failed} of {len(expected)} templates match")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
