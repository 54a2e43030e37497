#!/usr/bin/env python3
"""Writes the table of docs/PREDICTION.md from the real `fastoomd replay` (release build).

Run:  python3 scripts/prediction_table.py [--check] [--no-build]

For every trace in Tests/Fixtures/traces it runs `fastoomd replay TRACE --json` with each preset
(low, medium, high) and each baseline rule (--rule earlyoom, --rule psi), takes the summary line
(first_action_ms, actions), and puts them beside the trace's labels: the kernel's first OOM kill
and the first svc-web stall. The lead time is (the earlier of the two) - (first action), so a
positive lead means acting earlier than the kernel or the stall. The decisions are the Swift
code's; this script only reads the labels and lays out the table.

The table replaces the lines between the two markers in docs/PREDICTION.md; --check only says
whether the file is up to date (exit 1 if not).
"""
import glob
import gzip
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRACES = os.path.join(ROOT, 'Tests', 'Fixtures', 'traces')
DOC = os.path.join(ROOT, 'docs', 'PREDICTION.md')
BEGIN = '<!-- prediction-table:begin (scripts/prediction_table.py writes this part) -->'
END = '<!-- prediction-table:end -->'
RUNS = [('low', ['--preset', 'low']), ('medium', ['--preset', 'medium']), ('high', ['--preset', 'high']),
        ('earlyoom', ['--rule', 'earlyoom']), ('psi', ['--rule', 'psi'])]


def swift():
    for candidate in ('/opt/swift/usr/bin/swift', 'swift'):
        if candidate == 'swift' or os.path.exists(candidate):
            return candidate


def binary(build):
    if build:
        subprocess.run([swift(), 'build', '-c', 'release', '--product', 'fastoomd'], cwd=ROOT, check=True,
                       stdout=sys.stderr)
    path = subprocess.run([swift(), 'build', '-c', 'release', '--show-bin-path'], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()
    return os.path.join(path, 'fastoomd')


def summary(fastoomd, trace, options):
    out = subprocess.run([fastoomd, 'replay', trace, '--json'] + options, check=True, capture_output=True,
                         text=True).stdout.splitlines()
    last = json.loads(out[-1])
    assert last.get('summary') is True, f'{trace}: no summary line'
    return last


def labels(trace):
    """The header and the first kernel kill and first stall, in ms (None when absent)."""
    with gzip.open(trace, 'rt') as f:
        header = json.loads(f.readline())
        found = {}
        for line in f:
            if '"label"' not in line:
                continue
            label = json.loads(line)
            kind = label['label']
            if kind in ('kernel_oom_kill', 'stall'):
                found[kind] = min(found.get(kind, label['t_ms']), label['t_ms'])
    return header, found.get('kernel_oom_kill'), found.get('stall')


def cell(act, deadline):
    if act is None:
        return '–'
    if deadline is None:
        return str(act)
    return f'{act} ({deadline - act:+d})'


def versus(act, baseline):
    """How much earlier the predictor acts than a baseline: `+N`, `tie`, or `–` if either never acts."""
    if act is None or baseline is None:
        return '–'
    return 'tie' if act == baseline else f'{baseline - act:+d}'


def table(fastoomd):
    rows = ['| trace | target | benign | kernel kill ms | first stall ms | medium: first act ms (lead) | '
            'low | high | earlyoom | psi | medium vs earlyoom ms | actions low/medium/high | actions earlyoom/psi |',
            '|---|---|---|---|---|---|---|---|---|---|---|---|---|']
    for trace in sorted(glob.glob(os.path.join(TRACES, '*.jsonl.gz'))):
        name = os.path.basename(trace)[:-len('.jsonl.gz')]
        header, kill, stall = labels(trace)
        deadline = None if header['benign'] else min(t for t in (kill, stall) if t is not None)
        result = {rule: summary(fastoomd, trace, options) for rule, options in RUNS}
        first = {rule: result[rule]['first_action_ms'] for rule in result}
        actions = {rule: result[rule]['actions'] for rule in result}
        rows.append(
            f"| {name} | {header['target']} | {'yes' if header['benign'] else 'no'} | "
            f"{kill if kill is not None else '–'} | {stall if stall is not None else '–'} | "
            f"{cell(first['medium'], deadline)} | {cell(first['low'], deadline)} | {cell(first['high'], deadline)} | "
            f"{cell(first['earlyoom'], deadline)} | {cell(first['psi'], deadline)} | "
            f"{versus(first['medium'], first['earlyoom'])} | "
            f"{actions['low']}/{actions['medium']}/{actions['high']} | {actions['earlyoom']}/{actions['psi']} |")
    return '\n'.join(rows)


def main():
    check = '--check' in sys.argv
    fastoomd = binary(build='--no-build' not in sys.argv)
    with open(DOC) as f:
        doc = f.read()
    start, end = doc.index(BEGIN) + len(BEGIN), doc.index(END)
    updated = doc[:start] + '\n' + table(fastoomd) + '\n' + doc[end:]
    if check:
        if updated != doc:
            print('docs/PREDICTION.md is out of date: run python3 scripts/prediction_table.py', file=sys.stderr)
            sys.exit(1)
        return
    with open(DOC, 'w') as f:
        f.write(updated)


if __name__ == '__main__':
    main()
