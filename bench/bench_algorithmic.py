"""Time per epoch of the seed-batched trainer against the plain per-batch loop, in the same process.

The baseline is `train_reference`: one seed, an ordinary `nn.Module`, `torch.optim.AdamW` and batches sliced
from tensors (no DataLoader). The batched trainer (`train_runs`) is timed with 1 and with S seeds; its time per
run-epoch is the epoch time divided by S. Usage: `python bench/bench_algorithmic.py [--task circle] [--epochs 5] [--seeds 20] [--json FILE]`.
"""
import argparse, json, platform, time
import numpy as np
import torch
from harmonic_nb.algorithmic import AlgoConfig, MODELS, train_runs, train_reference

def per_epoch(f, epochs, repeats):
    "Best of `repeats` timings of f(), divided by `epochs`"
    best = float('inf')
    for _ in range(repeats):
        t = time.perf_counter(); f(); best = min(best, time.perf_counter() - t)
    return best / epochs

def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--task', default='circle', help='task (default: circle)')
    ap.add_argument('--epochs', type=int, default=5, help='epochs per timing (default: 5)')
    ap.add_argument('--seeds', type=int, default=20, help='seeds in the batched run (default: 20)')
    ap.add_argument('--repeats', type=int, default=3, help='timings per case; the best is kept (default: 3)')
    ap.add_argument('--threads', type=int, default=1, help='torch threads (default: 1)')
    ap.add_argument('--json', default=None, help='also write the results to this JSON file')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    rows = []
    print(f"task {a.task}, {a.epochs} epochs per timing, best of {a.repeats}, {a.threads} thread(s), torch {torch.__version__}")
    print(f"{'model':22s} {'plain loop':>11s} {'batched S=1':>12s} {f'batched S={a.seeds}':>13s} {'per run':>9s} {'speed-up/run':>13s}")
    for model in MODELS:
        cfg = AlgoConfig(a.task, model, epochs=a.epochs)
        ref = per_epoch(lambda: train_reference(cfg, 0), a.epochs, a.repeats)
        one = per_epoch(lambda: train_runs(cfg, [(0, 0.8)]), a.epochs, a.repeats)
        many = per_epoch(lambda: train_runs(cfg, [(s, 0.8) for s in range(a.seeds)]), a.epochs, a.repeats)
        rows.append(dict(model=model, plain_ms=1e3 * ref, batched1_ms=1e3 * one, batchedS_ms=1e3 * many, seeds=a.seeds,
                         per_run_ms=1e3 * many / a.seeds, speedup_per_run=ref / (many / a.seeds), speedup_one=ref / one))
        r = rows[-1]
        print(f"{model:22s} {r['plain_ms']:8.1f} ms {r['batched1_ms']:9.1f} ms {r['batchedS_ms']:10.1f} ms {r['per_run_ms']:6.2f} ms {r['speedup_per_run']:12.1f}x", flush=True)
    if a.json:
        info = dict(task=a.task, epochs=a.epochs, repeats=a.repeats, threads=a.threads, torch=torch.__version__,
                    machine=platform.machine(), cpus=torch.get_num_threads(), rows=rows,
                    command='python bench/bench_algorithmic.py ' + ' '.join(f'--{k} {v}' for k, v in vars(a).items() if v is not None))
        with open(a.json, 'w') as f: json.dump(info, f, indent=1)

if __name__ == '__main__': main()
