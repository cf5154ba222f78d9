"""Time and peak memory of a classifier head's forward + backward: nn.Linear + cross-entropy against harmonic heads.

The methods, each at the (batch, features, classes) sizes in CASES:

- linear: bias-free nn.Linear + F.cross_entropy, the baseline. Language-model heads carry no bias.
- plain: harmonic_nb.core.harmonic_loss, autograd through the log-space formulation.
- layer: HarmonicLayer's forward (fused logits, the default) + F.cross_entropy, the drop-in use of the layer.
- fused: harmonic_nb.fused.harmonic_cross_entropy, a hand-written backward with one batch x classes buffer.
- chunked: the same with chunk_size=CHUNK classes per block, which never builds the batch x classes logits.
- direct: torch.cdist, then d**-n, then normalise. This is the definition written out, without log space.

Time: one subprocess per size runs every method in turn for several rounds after warm-up, so that load from other
processes hits all methods alike. It reports the median time and the median of the per-round ratios to `linear`.

Peak memory: one fresh subprocess per (size, method). After one warm-up step it resets the kernel's peak-RSS counter
(writing 5 to /proc/self/clear_refs), runs forward + backward once and reads VmHWM - VmRSS from /proc/self/status.
MALLOC_MMAP_THRESHOLD_ makes glibc serve every block over 64 KiB with mmap, so freed tensors leave the RSS at
once and the peak is that of the live tensors, not allocator slack. With --device cuda it uses
torch.cuda.max_memory_allocated instead.

Run from the repository root:  python bench/bench_head.py [--rounds 5] [--cases all] [--threads N]
"""
import argparse, json, math, os, platform, statistics, subprocess, sys, time, datetime

CASES = {'large': (2048, 512, 8192), 'vocab': (1024, 256, 32768), 'small': (256, 64, 100)}
METHODS = ['linear', 'plain', 'layer', 'fused', 'chunked', 'direct']
CHUNK = 4096  # classes per block in the chunked mode: a 16 MiB float32 block at batch 1024


def make_inputs(B, D, C, device):
    "Inputs like a head's: activations x requiring grad, centres/weights W as a parameter, labels y"
    import torch
    torch.manual_seed(0)
    x = torch.randn(B, D, device=device, requires_grad=True)
    W = torch.nn.Parameter((torch.rand(C, D, device=device) * 2 - 1) / math.sqrt(D))  # nn.Linear's init
    y = torch.randint(0, C, (B,), device=device)
    return x, W, y


def loss_fns(x, W, y):
    "One closure per method, each returning the scalar mean loss"
    import torch, torch.nn.functional as F
    from harmonic_nb.core import harmonic_loss
    from harmonic_nb.fused import harmonic_cross_entropy, fused_harmonic_logits
    n = math.sqrt(x.shape[1])  # HarmonicLayer's default exponent

    def direct():
        u = torch.cdist(x, W).pow(-n)
        return -(u.gather(1, y[:, None]) / u.sum(-1, keepdim=True)).log().mean()

    return {'linear': lambda: F.cross_entropy(F.linear(x, W), y),
            'plain': lambda: harmonic_loss(x, W, y, n),
            'layer': lambda: F.cross_entropy(fused_harmonic_logits(x, W, n), y),
            'fused': lambda: harmonic_cross_entropy(x, W, y, n),
            'chunked': lambda: harmonic_cross_entropy(x, W, y, n, chunk_size=CHUNK),
            'direct': direct}


def step(fn, x, W):
    "One forward + backward from fresh gradients, as in a training step; return the loss"
    x.grad = W.grad = None
    loss = fn()
    loss.backward()
    return loss.item()


def sync(device):
    import torch
    if device == 'cuda': torch.cuda.synchronize()


def run_time(case, rounds, warmup, device):
    "Print a JSON line: median seconds per method and median per-round ratio to linear"
    B, D, C = CASES[case]
    x, W, y = make_inputs(B, D, C, device)
    fns = loss_fns(x, W, y)
    losses = {m: step(fns[m], x, W) for m in METHODS}
    for _ in range(warmup - 1):
        for m in METHODS: step(fns[m], x, W)
    times = {m: [] for m in METHODS}
    for _ in range(rounds):
        for m in METHODS:
            sync(device); t0 = time.perf_counter()
            step(fns[m], x, W)
            sync(device); times[m].append(time.perf_counter() - t0)
    out = {'case': case, 'losses': losses,
           'time': {m: statistics.median(v) for m, v in times.items()},
           'ratio': {m: statistics.median(a / b for a, b in zip(v, times['linear'])) for m, v in times.items()}}
    print(json.dumps(out))


def _status_kib(field):
    for line in open('/proc/self/status'):
        if line.startswith(field + ':'): return int(line.split()[1])


def run_mem(case, method, device):
    "Print a JSON line: peak extra memory in MiB of one forward + backward, after one warm-up step"
    import gc, torch
    B, D, C = CASES[case]
    x, W, y = make_inputs(B, D, C, device)
    fn = loss_fns(x, W, y)[method]
    step(fn, x, W)
    x.grad = W.grad = None
    gc.collect()
    if device == 'cuda':
        torch.cuda.synchronize(); base = torch.cuda.memory_allocated(); torch.cuda.reset_peak_memory_stats()
        step(fn, x, W); torch.cuda.synchronize()
        peak = torch.cuda.max_memory_allocated() - base
    else:
        base = _status_kib('VmRSS')
        with open('/proc/self/clear_refs', 'w') as f: f.write('5')  # reset VmHWM, the peak RSS, to the current RSS
        step(fn, x, W)
        peak = (_status_kib('VmHWM') - base) * 1024
    print(json.dumps({'case': case, 'method': method, 'peak_mib': peak / 2**20}))


def child(args, extra):
    env = dict(os.environ, MALLOC_MMAP_THRESHOLD_='65536')
    if args.threads: env['OMP_NUM_THREADS'] = env['MKL_NUM_THREADS'] = str(args.threads)
    cmd = [sys.executable, __file__, '--device', args.device] + extra
    res = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def machine(device):
    import torch
    cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), platform.processor())
    gpu = f", GPU {torch.cuda.get_device_name()}" if device == 'cuda' else ''
    return f"{cpu}, {os.cpu_count()} CPUs, {torch.get_num_threads()} torch threads{gpu}, torch {torch.__version__}, Python {platform.python_version()}"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--rounds', type=int, default=5, help='timed rounds per size (each runs every method once)')
    p.add_argument('--warmup', type=int, default=1, help='untimed rounds before timing')
    p.add_argument('--cases', default='all', help=f"comma-separated sizes out of {','.join(CASES)}, or all")
    p.add_argument('--threads', type=int, default=0, help='torch threads in the children (0: torch default)')
    # NOTE: the cuda path (max_memory_allocated, synchronised timing) has not been run; the recorded results are CPU only.
    p.add_argument('--device', default='cuda' if os.environ.get('BENCH_CUDA') else 'cpu', help='cpu or cuda')
    p.add_argument('--child-time', help=argparse.SUPPRESS)
    p.add_argument('--child-mem', nargs=2, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child_time: return run_time(args.child_time, args.rounds, args.warmup, args.device)
    if args.child_mem: return run_mem(*args.child_mem, args.device)

    import torch
    if args.threads: torch.set_num_threads(args.threads)
    cases = list(CASES) if args.cases == 'all' else args.cases.split(',')
    print(f"command: python bench/bench_head.py {' '.join(sys.argv[1:])}".rstrip())
    print(f"date:    {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {machine(args.device)}")
    print(f"load:    {' '.join(f'{v:.1f}' for v in os.getloadavg())} (1, 5, 15 min) before the run")
    print(f"timing:  forward + backward, mean loss, median of {args.rounds} interleaved rounds after {args.warmup} warm-up rounds; "
          f"chunked uses chunk_size={CHUNK}")
    print()
    for case in cases:
        B, D, C = CASES[case]
        t = child(args, ['--child-time', case, '--rounds', str(args.rounds), '--warmup', str(args.warmup)])
        mem = {m: child(args, ['--child-mem', case, m])['peak_mib'] for m in METHODS}
        print(f"batch {B}, features {D}, classes {C}   (one batch x classes float32 buffer: {B * C * 4 / 2**20:.0f} MiB)")
        print(f"  {'method':8s} {'time ms':>9s} {'time ratio':>11s} {'peak MiB':>9s} {'mem ratio':>10s} {'loss':>10s}")
        for m in METHODS:
            # A peak under 1 MiB is within a few pages of the RSS counter's resolution, so no ratio is printed for it.
            mem_ratio = f"{mem[m] / mem['linear']:10.2f}" if mem['linear'] >= 1 else f"{'-':>10s}"
            print(f"  {m:8s} {t['time'][m] * 1e3:9.1f} {t['ratio'][m]:11.2f} {mem[m]:9.1f} {mem_ratio} {t['losses'][m]:10.4f}")
        print()
    print(f"load:    {' '.join(f'{v:.1f}' for v in os.getloadavg())} (1, 5, 15 min) after the run")


if __name__ == '__main__':
    main()
