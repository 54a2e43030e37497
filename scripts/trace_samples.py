#!/usr/bin/env python3
"""Prints the raw memory-cgroup and node counters of a cgroup-v1 trace, one line per sample.

Run:  python3 scripts/trace_samples.py TRACE FROM_MS TO_MS

What the predictor's features are made of, before any smoothing, so that two recordings can be
compared sample by sample (docs/PREDICTION.md uses it to show what precedes the first sample at
or below 10 % available). Sizes are MiB; Δ columns are the change since the previous sample:
  avail%   (limit - usage + total_inactive_file) / limit, as MemSense computes it
  fileIn   growth of total_cache (file pages charged to the group)
  fail     memory.failcnt (charges that hit the limit)
  refault  total_workingset_refault_file + _anon; majflt total_pgmajfault
  psiFull  node /proc/pressure/memory full total, µs (v1 has no per-group PSI)
  nodeAct  node pgactivate; iowait% node iowait share of CPU time
"""
import gzip
import json
import sys

import trace_features as T

MIB = 1 << 20
COLUMNS = ('t_ms', 'avail%', 'usage', 'rss', 'cache', 'actF', 'inactF', 'mapF', 'ΔfileIn', 'Δfail',
           'Δrefault', 'Δmajflt', 'ΔpsiFull', 'ΔnodeAct', 'iowait%')


def counters(files):
    stat = T.kv(files['cgroup/memory.stat'])
    vm = T.kv(files.get('proc/vmstat', ''))
    limit = int(files['cgroup/memory.limit_in_bytes'])
    usage = int(files['cgroup/memory.usage_in_bytes'])
    cpu_total, iowait, _ = T.cpu_line(files.get('proc/stat', ''))
    psi = T.psi(files['proc/pressure/memory']) if 'proc/pressure/memory' in files else {}
    return dict(avail=100 * (limit - usage + stat['total_inactive_file']) / limit, usage=usage,
                rss=stat['total_rss'], cache=stat['total_cache'], act=stat['total_active_file'],
                inact=stat['total_inactive_file'], mapped=stat['total_mapped_file'],
                fail=int(files.get('cgroup/memory.failcnt', '0')),
                refault=stat['total_workingset_refault_file'] + stat['total_workingset_refault_anon'],
                majflt=stat['total_pgmajfault'], psi=psi.get('full_total', 0), act_node=vm.get('pgactivate', 0),
                cpu=cpu_total, iowait=iowait)


def line(t_ms, cur, prev):
    d = {k: cur[k] - prev[k] for k in cur}
    sizes = [f'{cur[k] / MIB:.1f}' for k in ('usage', 'rss', 'cache', 'act', 'inact', 'mapped')]
    iowait = 100 * d['iowait'] / d['cpu'] if d['cpu'] else 0
    values = [t_ms, f"{cur['avail']:.1f}", *sizes, f"{d['cache'] / MIB:.1f}", d['fail'], d['refault'], d['majflt'],
              d['psi'], d['act_node'], f'{iowait:.0f}']
    return '\t'.join(str(v) for v in values)


def main():
    path, start, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    prev = None
    with gzip.open(path, 'rt') as f:
        header = json.loads(f.readline())
        if header['target'] != 'cgroup-v1':
            sys.exit(f'{path}: target {header["target"]}, this script reads cgroup-v1 traces')
        print('\t'.join(COLUMNS))
        for text in f:
            o = json.loads(text)
            if 'files' not in o:
                continue
            cur = counters(o['files'])
            if prev is not None and start <= o['t_ms'] <= end:
                print(line(o['t_ms'], cur, prev))
            prev = cur


if __name__ == '__main__':
    main()
