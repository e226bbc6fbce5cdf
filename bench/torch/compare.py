"""Time the torch engine's generated train.py against the same model written by hand: rounds of
one run each, alternating, so that the machine's load falls on both alike; medians of the
samples/s each run reports (training time only) and their ratio. Used by `npm run bench torch`
and by the GPU check (scripts/device-check.mjs).

    python3 compare.py DIR [--rounds N] [--only lenet5]

DIR holds bench.json ({id: {"engine": [train.py arguments], "hand": [script arguments]}}, paths
relative to DIR) with the scripts and data it names.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys


def samples_per_second(folder, argv):
    """The samples/s of one run: the torch engine's done event, or the hand-written script's line."""
    r = subprocess.run([sys.executable, *argv], cwd=folder, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {r.stderr.strip().splitlines()[-1:] or r.stdout[-300:]}")
    last = json.loads(r.stdout.strip().splitlines()[-1])
    return last["samplesPerSecond"], last.get("valAcc", last.get("epochs", [{}])[-1].get("valAcc"))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("folder")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--only")
    args = p.parse_args()
    with open(os.path.join(args.folder, "bench.json"), encoding="utf-8") as f:
        cases = json.load(f)
    print(f"{'model':<16} {'hand-written':>14} {'torch engine':>14} {'ratio':>7}  runs  (samples/s, medians; val acc of the last runs)")
    for model_id, case in cases.items():
        if args.only and model_id != args.only:
            continue
        hand, engine = [], []
        for _ in range(args.rounds):
            hand.append(samples_per_second(args.folder, case["hand"]))
            engine.append(samples_per_second(args.folder, case["engine"]))
        h = statistics.median(s for s, _ in hand)
        e = statistics.median(s for s, _ in engine)
        print(f"{model_id:<16} {h:>14,.0f} {e:>14,.0f} {e / h:>7.1%}  {args.rounds}  (val acc {hand[-1][1]:.3f} / {engine[-1][1]:.3f})", flush=True)


if __name__ == "__main__":
    main()
