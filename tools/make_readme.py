"""Write README.md from nbs/index.ipynb, so that the README and the docs home page stay one text.

Usage: python tools/make_readme.py [--check]. With --check it writes nothing and exits with 1 when README.md is out
of step with the notebook. nbdev_readme does the same job but needs Quarto, which these machines cannot install.
"""
import argparse, json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BANNER = '<!-- Generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file. -->\n'
_directive = re.compile(r'^\s*#\s*\|')


def _text(x): return ''.join(x) if isinstance(x, list) else x


def _code_cell(cell):
    "Markdown for a code cell: its source without nbdev directives, then its text outputs"
    lines = _text(cell['source']).splitlines()
    if any(_directive.match(l) and l.replace(' ', '').startswith(('#|hide', '#|exec_doc', '#|export')) for l in lines): return ''
    src = '\n'.join(l for l in lines if not _directive.match(l)).strip()
    parts = [f"```python\n{src}\n```"] if src else []
    for out in cell.get('outputs', []):
        text = _text(out.get('text', '')) if out.get('output_type') == 'stream' else _text(out.get('data', {}).get('text/plain', ''))
        if text.strip(): parts.append(f"```\n{text.rstrip()}\n```")
    return '\n\n'.join(parts)


def render(nb_path=ROOT / 'nbs' / 'index.ipynb'):
    "README text for the notebook at `nb_path`"
    cells = json.loads(Path(nb_path).read_text())['cells']
    blocks = [_text(c['source']).strip() if c['cell_type'] == 'markdown' else _code_cell(c) for c in cells]
    # Links between notebooks are relative to nbs/; the README sits one folder up.
    body = '\n\n'.join(b for b in blocks if b)
    body = re.sub(r'\]\(([\w-]+\.ipynb)\)', r'](nbs/\1)', body)
    return BANNER + '\n' + body + '\n'


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--check', action='store_true', help='exit with 1 if README.md differs from the notebook, writing nothing')
    args = parser.parse_args()
    text, readme = render(), ROOT / 'README.md'
    if args.check:
        if readme.read_text() != text:
            sys.exit('README.md is out of step with nbs/index.ipynb: run `python tools/make_readme.py` and commit the result')
        print('README.md is in step with nbs/index.ipynb')
        return
    readme.write_text(text)
    print(f'wrote {readme}')


if __name__ == '__main__': main()
