// `node scripts/device-check.mjs [--quick]`: prepare `.device/`, everything a GPU machine with
// Python, PyTorch and CUDA but no Node needs to check the torch engine there: every template's
// generated model with the app's parameter counts, the generated train.py of LeNet-5 and
// ResNet-20 with their datasets exported as the torch engine exports them, the hand-written
// benchmark models, and `.device/run.sh`, which writes "$OUT/device-report.txt".
// Try it here first: `QUICK=1 OUT=/tmp/out bash .device/run.sh` (falls back to the CPU).
import { build } from 'esbuild';
import { chmodSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = '.device';
const out = join('dist', 'device-check-entry.mjs');
await build({ entryPoints: ['scripts/device-check-entry.ts'], bundle: true, platform: 'node', format: 'esm', outfile: out, packages: 'external', logLevel: 'warning' });
const { templates, toPyTorch, pytorchModule, toPyTorchTrainingScript, inferGraph, firstOutputShape, scriptArgs, writeBenchFolder } = await import(pathToFileURL(out).href);

rmSync(dir, { recursive: true, force: true });
for (const sub of ['models', 'train']) mkdirSync(join(dir, sub), { recursive: true });

// (a) Every template's model file and what the app says about it.
const expected = {};
for (const t of templates) {
  const doc = t.build();
  const m = pytorchModule(doc);
  writeFileSync(join(dir, 'models', `${t.id}.py`), toPyTorch(doc));
  // PyTorch counts trainable weights only; so does the app's total (BatchNorm's running statistics are neither).
  expected[t.id] = { className: m.className, params: inferGraph(doc.graph, doc.blocks).totals.params, input: m.input, output: firstOutputShape(doc) };
}
writeFileSync(join(dir, 'expected.json'), byLine(expected));

// (b, c) LeNet-5 as the template trains it, on the digits as the torch engine exports them.
const lenet5 = templates.find((t) => t.id === 'lenet5').build();
writeFileSync(join(dir, 'train', 'lenet5.py'), toPyTorchTrainingScript(lenet5));
// (d) The benchmark folder (bench/torch/folder.ts), whose LeNet-5 data (b, c) share: the same
// document settings give the same split. ResNet-20 times 2,000 digits fitted to 32×32×3: small to carry.
await writeBenchFolder(dir, { lenet5: { epochs: 3 }, 'resnet20-cifar': { epochs: 2, limit: 2000 } });

// LeNet-5's train.py arguments exactly as the torch engine passes them, but the epochs, which run.sh sets.
const lenetArgs = scriptArgs(lenet5, {}, 'data/lenet5').slice(1);
lenetArgs.splice(lenetArgs.indexOf('--epochs'), 2);
writeFileSync(join(dir, 'run.sh'), runScript(lenetArgs.join(' ')));
chmodSync(join(dir, 'run.sh'), 0o755);

/** JSON with one line per entry: readable in a terminal on the GPU machine. */
function byLine(object) {
  return `{\n${Object.entries(object).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')}\n}\n`;
}

const size = (p) => (statSync(p).isDirectory() ? readdirSync(p).reduce((a, f) => a + size(join(p, f)), 0) : statSync(p).size);
console.log(`${dir}/: ${Object.keys(expected).length} models, 2 datasets, ${(size(dir) / 2 ** 20).toFixed(1)} MiB. On the GPU machine: OUT=… bash ${dir}/run.sh`);

function runScript(args) {
  return `#!/usr/bin/env bash
# Written by scripts/device-check.mjs: checks Netwright's torch engine on a machine with Python,
# PyTorch and (ideally) CUDA, and no Node. Everything it needs is in this folder.
#   OUT=/some/folder bash run.sh   → OUT/device-report.txt (and the raw event logs)
#   QUICK=1: a few batches only (to try it on a CPU);  PYTHON=…: the Python with torch.
# Without CUDA every step runs on the CPU. Each step has a time limit so the whole run stays
# under 6 minutes, and a failing step is reported without stopping the others.
set -u
cd "$(dirname "$0")"
PY="\${PYTHON:-python3}"
QUICK="\${QUICK:-0}"
OUT="\${OUT:-$PWD/out}"
mkdir -p "$OUT"
REPORT="$OUT/device-report.txt"
exec > >(tee "$REPORT") 2>&1
export PYTHONUNBUFFERED=1
step() { echo; echo "== $*"; }
ran() { local code=$1; [ "$code" = 0 ] && echo "-- ok" || echo "-- FAILED (exit $code\${2:+, $2})"; }
# The last epoch line and the done line of a train.py event log, readable.
summary() { "$PY" - "$1" <<'PYEOF'
import json, sys
events = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
for e in events:
    if e["type"] in ("log", "error"):
        print(f"{e['type']}: {e['message']}")
    if e["type"] == "start":
        print(f"start: {e['trainSamples']} training / {e['valSamples']} validation samples of {e['dataset']}, backend {e['backend']}")
    if e["type"] == "epoch":
        print(f"epoch {e['epoch']}: loss {e['loss']:.4f} acc {e['acc']:.4f} · val loss {e['valLoss']:.4f} val acc {e['valAcc']:.4f}")
    if e["type"] == "done":
        print(f"done: final validation accuracy {e['epochs'][-1]['valAcc']:.4f} · {e['samplesPerSecond']:.0f} samples/s on {e['backend']}")
PYEOF
}
if [ "$QUICK" = 1 ]; then LIMIT="--limit 512"; EPOCHS=1; ROUNDS=1; else LIMIT=""; EPOCHS=2; ROUNDS=3; fi

step "machine"
date -u
uname -srm
nproc
uptime
nvidia-smi --query-gpu=name,memory.total,driver_version,utilization.gpu --format=csv 2>/dev/null || echo "no nvidia-smi"
"$PY" -c 'import torch; print("torch", torch.__version__, "· CUDA", torch.version.cuda, "available:", torch.cuda.is_available(), "· threads", torch.get_num_threads())'

step "(a) every template: generated model built on the device, parameter count vs the app's, a dummy batch forward"
timeout 150 "$PY" bench/check_models.py .
ran $? "timeout 150 s is exit 124"

step "(b) LeNet-5, generated train.py: $EPOCHS epoch(s) on the digits the torch engine exports"
timeout 90 "$PY" train/lenet5.py ${args} --epochs $EPOCHS $LIMIT > "$OUT/lenet5-train.jsonl"
ran $?
summary "$OUT/lenet5-train.jsonl"

step "(c) the same under torchrun --standalone --nproc_per_node=1 (DistributedDataParallel), 1 epoch"
timeout 90 "$PY" -m torch.distributed.run --standalone --nproc_per_node=1 train/lenet5.py ${args} --epochs 1 $LIMIT > "$OUT/lenet5-torchrun.jsonl"
ran $?
if [ ! -s "$OUT/lenet5-torchrun.jsonl" ]; then
  # Some torch builds' launcher breaks before starting anything (Debian's 1.13 on Python 3.11):
  # then train.py is started with the environment torchrun gives its one process, which tests the same DDP path.
  echo "torchrun itself failed before train.py started; running train.py with torchrun's environment (WORLD_SIZE=1, RANK=0, LOCAL_RANK=0) instead"
  WORLD_SIZE=1 RANK=0 LOCAL_RANK=0 LOCAL_WORLD_SIZE=1 MASTER_ADDR=127.0.0.1 MASTER_PORT=29517 timeout 90 "$PY" train/lenet5.py ${args} --epochs 1 $LIMIT > "$OUT/lenet5-torchrun.jsonl"
  ran $?
fi
summary "$OUT/lenet5-torchrun.jsonl"

step "(d) samples/s: the torch engine's train.py vs the same model hand-written (bench/), $ROUNDS round(s)"
if [ "$QUICK" = 1 ]; then ONLY="--only lenet5"; else ONLY=""; fi
timeout 170 "$PY" bench/compare.py . --rounds $ROUNDS $ONLY
ran $?

step "end"
date -u
`;
}
