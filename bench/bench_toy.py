"""Time `harmonic_nb.toy.train_toy` against a bare PyTorch training loop in the same process.

The toy runs of Baek et al. (2025), Figure 1, are 10,000 full-batch Adam steps on five 2-D points. This script times
`train_toy` for both heads and, as the baseline, a minimal loop (forward, cross-entropy, backward, Adam step, no
recording) on the same `nn.Linear` head, plus the same minimal loop with harmonic logits written out by hand. It prints seconds per run and each time as a multiple of the baseline, so
the ratios stay comparable on a loaded machine where the seconds do not.

Usage: python bench/bench_toy.py [--steps 10000] [--repeats 3]
"""
import argparse, time
import torch
import torch.nn as nn
import torch.nn.functional as F
from harmonic_nb.toy import FIVE_POINTS, train_toy


def bare_loop(x, y, steps, harmonic=False):
    "Seconds for `steps` full-batch Adam steps of a bias-free head, with nothing recorded and no input checks"
    torch.manual_seed(0)
    model = nn.Linear(x.shape[1], len(y), bias=False)
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    # Harmonic logits written out: n = 1 on the squared distance plus eps = 1e-6, the official toy setting.
    logits = (lambda: -((x[:, None] - model.weight).pow(2).sum(-1) + 1e-6).log()) if harmonic else (lambda: model(x))
    start = time.perf_counter()
    for _ in range(steps):
        loss = F.cross_entropy(logits(), y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--steps', type=int, default=10_000, help='Adam steps per run (default: 10000)')
    parser.add_argument('--repeats', type=int, default=3, help='runs per variant; the fastest counts (default: 3)')
    args = parser.parse_args()
    # One thread for every variant, because train_toy switches to one thread for its loop.
    torch.set_num_threads(1)
    x, y = FIVE_POINTS, torch.arange(len(FIVE_POINTS))
    base = min(bare_loop(x, y, args.steps) for _ in range(args.repeats))
    print(f"{'variant':28s} {'seconds':>8s} {'x baseline':>10s}")
    print(f"{'bare loop, linear':28s} {base:8.2f} {1:10.2f}")
    bare_h = min(bare_loop(x, y, args.steps, harmonic=True) for _ in range(args.repeats))
    print(f"{'bare loop, harmonic':28s} {bare_h:8.2f} {bare_h / base:10.2f}")
    for loss in ('standard', 'harmonic'):
        secs = min(train_toy(x, loss=loss, steps=args.steps)[1].seconds for _ in range(args.repeats))
        print(f"{'train_toy, ' + loss:28s} {secs:8.2f} {secs / base:10.2f}")


if __name__ == '__main__':
    main()
