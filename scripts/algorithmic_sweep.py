"""Run the algorithmic-task experiments behind notebooks 22-26 and save small JSON summaries under nbs/results/algorithmic/.

Usage: `nice python scripts/algorithmic_sweep.py [--groups GROUP ...] [--tasks TASK ...] [--models MODEL ...] [size options]`.
Each (task, model) pair trains all its seeds at once. A pair whose JSON already exists is skipped, so an interrupted
sweep resumes where it stopped. Defaults are reduced from the official 20 seeds x 7000 epochs
to fit a shared 2-core machine; the JSON files record what was used.
"""
import argparse, json, shlex, sys, time
from pathlib import Path
import numpy as np
import torch
from harmonic_nb.algorithmic import MODELS, PAPER_SEEDS, run_config
from harmonic_nb.datasets import PAPER_TASKS

OUT = Path(__file__).resolve().parents[1] / 'nbs' / 'results' / 'algorithmic'
FRACS = (0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9)  # Fig. 3b's train fractions
GROUPS = ('case', 'reps', 'tf', 'dataeff', 'reps_ext', 'tf_ext', 'tf_long', 'dataeff_ext')
MLPS, TRANSFORMERS = ('standard-mlp', 'harmonic-mlp'), ('standard-transformer', 'harmonic-transformer')

def save(group, name, summary, cmd):
    (OUT / group).mkdir(parents=True, exist_ok=True)
    summary['command'] = cmd
    (OUT / group / f'{name}.json').write_text(json.dumps(summary))
    accs = [r['final_test_acc'] for r in summary['runs']]
    print(f"[{time.strftime('%H:%M:%S')}] {group}/{name}: {len(accs)} runs, {summary['seconds']:.0f} s, median test acc {np.median(accs):.3f}", flush=True)

def plan(group, a):
    "Yield (file name, model, `run_config` arguments) for every configuration of a group, in the order to run them"
    spread = list(PAPER_SEEDS[::2]) + list(PAPER_SEEDS[1::2])  # every other official seed first, so small N spans 0..1000
    def seeds(task, models, n, epochs):
        for model in models: yield f'{task}_{model}', model, dict(task=task, model=model, seeds=spread[:n], epochs=epochs)
    def fractions(task, model, epochs):  # Fig. 3b: seed 66, eight train fractions trained together
        yield f'{task}_{model}', model, dict(task=task, model=model, seeds=[66] * len(FRACS), epochs=epochs, train_fracs=list(FRACS))

    if group == 'case':  # Fig. 4: one standard MLP without and with weight decay, one harmonic MLP, at lr 1e-3
        for name, model, wd in (('standard_wd0', 'standard-mlp', 0.), ('standard_wd0.5', 'standard-mlp', 0.5), ('harmonic_wd0', 'harmonic-mlp', 0.)):
            yield name, None, dict(task='circle', model=model, seeds=[50], epochs=a.case_epochs, lr=1e-3, wd=wd, curves=10)
    elif group == 'reps':  # Figs. 2, 3a, 3c and 7 with MLPs
        for task in a.tasks: yield from seeds(task, MLPS, a.seeds, a.epochs)
    elif group == 'tf':  # the same figures with transformers
        for task in a.tasks: yield from seeds(task, TRANSFORMERS, a.tf_seeds, a.tf_epochs)
    elif group == 'reps_ext':  # the MLP sweep with more seeds and epochs, the tasks that need them first
        for task in sorted(a.tasks, key=('circle', 'permutation', 'family_tree', 'equivalence', 'lattice').index):
            yield from seeds(task, MLPS[::-1], a.ext_seeds, a.ext_epochs)
    elif group == 'tf_ext':  # the transformer sweep with more seeds and epochs
        for task in a.tasks: yield from seeds(task, TRANSFORMERS[::-1], a.tf_ext_seeds, a.tf_ext_epochs)
    elif group == 'tf_long':  # transformers at the official length, with fewer seeds
        for task in a.tasks: yield from seeds(task, TRANSFORMERS[::-1], a.tf_long_seeds, a.tf_long_epochs)
    elif group == 'dataeff':
        for task in a.tasks:
            for model in MLPS: yield from fractions(task, model, a.de_epochs)
    elif group == 'dataeff_ext':  # Fig. 3b with all four models: MLPs first, because they are cheaper
        for model in MLPS[::-1] + TRANSFORMERS[::-1]:
            epochs = a.de_ext_tf_epochs if model in TRANSFORMERS else a.de_ext_epochs
            for task in a.tasks: yield from fractions(task, model, epochs)

def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--groups', nargs='+', default=['case', 'reps', 'tf', 'dataeff'], choices=GROUPS, help='experiment groups, run in this order')
    ap.add_argument('--seeds', type=int, default=5, help='MLP seeds: the first N of the 20 official seeds taken at every other position')
    ap.add_argument('--epochs', type=int, default=1000, help='MLP epochs (official: 7000)')
    ap.add_argument('--tf-seeds', type=int, default=3, help='transformer seeds')
    ap.add_argument('--tf-epochs', type=int, default=300, help='transformer epochs (official: 7000, 10000 on permutation)')
    ap.add_argument('--de-epochs', type=int, default=500, help='data-efficiency epochs (official: 7000)')
    ap.add_argument('--ext-seeds', type=int, default=20, help='MLP seeds of the extended sweep (group reps_ext)')
    ap.add_argument('--ext-epochs', type=int, default=3000, help='MLP epochs of the extended sweep (group reps_ext)')
    ap.add_argument('--tf-ext-seeds', type=int, default=10, help='transformer seeds of the extended sweep (group tf_ext)')
    ap.add_argument('--tf-ext-epochs', type=int, default=2000, help='transformer epochs of the extended sweep (group tf_ext)')
    ap.add_argument('--tf-long-seeds', type=int, default=5, help='transformer seeds of the full-length sweep (group tf_long)')
    ap.add_argument('--tf-long-epochs', type=int, default=7000, help='transformer epochs of the full-length sweep (group tf_long; official: 10000 on permutation)')
    ap.add_argument('--de-ext-epochs', type=int, default=2000, help='MLP epochs of the extended data-efficiency sweep (group dataeff_ext)')
    ap.add_argument('--de-ext-tf-epochs', type=int, default=1000, help='transformer epochs of the extended data-efficiency sweep (group dataeff_ext)')
    ap.add_argument('--case-epochs', type=int, default=2000, help='case-study epochs (official: 2000)')
    ap.add_argument('--tasks', nargs='+', default=list(PAPER_TASKS), choices=PAPER_TASKS, help='tasks to run (default: all five)')
    ap.add_argument('--models', nargs='+', default=None, choices=MODELS,
                    help='models to run (default: every model of each group). The case group ignores it.')
    a = ap.parse_args()
    torch.set_num_threads(1)
    cmd = 'python ' + ' '.join(shlex.quote(x) for x in sys.argv)

    for group in a.groups:
        for name, model, kwargs in plan(group, a):
            if (OUT / group / f'{name}.json').exists(): continue
            if model is not None and a.models is not None and model not in a.models: continue
            save(group, name, run_config(**kwargs), cmd)

if __name__ == '__main__': main()
