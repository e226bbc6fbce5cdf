/**
 * The Python that times a generated PyTorch model's forward pass for `compare --engine torch`:
 * it imports the model's file (toPyTorch's output), builds the class on the GPU when there is
 * one, else the CPU, and for each batch size of random images runs one warm-up pass, then
 * `repeats` timed passes in inference mode (waiting for the GPU before each clock reading). It
 * prints JSON lines: the device first, then each batch size's seconds, or the error that ended
 * it (running out of memory skips that batch size, not the rest).
 */
export const FORWARD_TIME_PY = [
  'import importlib.util',
  'import json',
  'import sys',
  'import time',
  '',
  'import torch',
  '',
  'path, class_name, shape, batches, repeats = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4]), int(sys.argv[5])',
  'spec = importlib.util.spec_from_file_location("compared_model", path)',
  'module = importlib.util.module_from_spec(spec)',
  'spec.loader.exec_module(module)',
  'device = torch.device("cuda" if torch.cuda.is_available() else "cpu")',
  'threads = torch.get_num_threads()',
  'where = torch.cuda.get_device_name(0) if device.type == "cuda" else f"{threads} thread{\'\' if threads == 1 else \'s\'}"',
  'print(json.dumps({"backend": f"{device.type} (torch {torch.__version__}, {where})"}), flush=True)',
  'sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)',
  'torch.manual_seed(0)',
  'model = getattr(module, class_name)().to(device).eval()',
  'with torch.no_grad():',
  '    model(torch.zeros(1, *shape, device=device))  # Lazy modules get their weights here',
  '    for batch in batches:',
  '        try:',
  '            x = torch.rand(batch, *shape, device=device)',
  '            model(x)',
  '            sync()',
  '            seconds = []',
  '            for _ in range(repeats):',
  '                start = time.perf_counter()',
  '                model(x)',
  '                sync()',
  '                seconds.append(time.perf_counter() - start)',
  '            print(json.dumps({"batch": batch, "seconds": seconds}), flush=True)',
  '        except RuntimeError as e:  # out of memory, on the GPU or the CPU',
  '            print(json.dumps({"batch": batch, "error": str(e).strip().splitlines()[0]}), flush=True)',
  '            x = None',
  '            if device.type == "cuda":',
  '                torch.cuda.empty_cache()',
].join('\n');
