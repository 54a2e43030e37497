"""Reads fastoomd traces (FORMAT.md) and derives the same values as MemSense.Sample and Rates.

Used by predictor_prototype.py and trace_samples.py; stdlib only.
"""
import gzip
import json

PAGE = 4096


def kv(text, sep=None):
    out = {}
    for line in text.splitlines():
        parts = line.split(sep) if sep else line.split()
        if len(parts) >= 2:
            try:
                out[parts[0].rstrip(':')] = int(parts[1])
            except ValueError:
                pass
    return out


def psi(text):
    res = {}
    for line in text.splitlines():
        parts = line.split()
        kind = parts[0]
        for p in parts[1:]:
            k, v = p.split('=')
            res[kind + '_' + k] = float(v) if k != 'total' else int(v)
    return res


def cpu_line(text):
    for line in text.splitlines():
        if line.startswith('cpu '):
            f = [int(x) for x in line.split()[1:]]
            total = sum(f[:8])
            return total, f[4], f[2]  # total, iowait, system
    return 0, 0, 0


def sample_of(header, files, t_ms):
    """Returns a dict with the Sample fields (totalBytes, availableBytes, counters, psi)."""
    meminfo = kv(files.get('proc/meminfo', ''))
    node_total = meminfo.get('MemTotal', 0) * 1024
    s = {'t_ms': t_ms}
    c = {}
    if header['target'] == 'cgroup-v1':
        limit = int(files['cgroup/memory.limit_in_bytes'])
        usage = int(files['cgroup/memory.usage_in_bytes'])
        stat = kv(files['cgroup/memory.stat'])
        total = min(limit, node_total)
        s['total'] = total
        s['available'] = max(0, min(total, total - usage + stat.get('total_inactive_file', 0)))
        c['refaults'] = stat.get('total_workingset_refault_anon', 0) + stat.get('total_workingset_refault_file', 0)
        c['majfault'] = stat.get('total_pgmajfault', 0)
        c['limit_hits'] = int(files.get('cgroup/memory.failcnt', '0'))
        c['scan_kswapd'] = c['scan_direct'] = c['steal'] = c['allocstall'] = 0
    else:
        vm = kv(files.get('proc/vmstat', ''))
        s['total'] = node_total
        s['available'] = meminfo.get('MemAvailable', 0) * 1024
        c['refaults'] = vm.get('workingset_refault_anon', 0) + vm.get('workingset_refault_file', 0)
        c['majfault'] = vm.get('pgmajfault', 0)
        c['limit_hits'] = 0
        c['scan_kswapd'] = vm.get('pgscan_kswapd', 0)
        c['scan_direct'] = vm.get('pgscan_direct', 0)
        c['steal'] = vm.get('pgsteal_kswapd', 0) + vm.get('pgsteal_direct', 0)
        c['allocstall'] = sum(v for k, v in vm.items() if k.startswith('allocstall_'))
    tot, iow, sysc = cpu_line(files.get('proc/stat', ''))
    c['cpu_total'], c['cpu_iowait'], c['cpu_system'] = tot, iow, sysc
    s['counters'] = c
    s['psi'] = psi(files['proc/pressure/memory']) if 'proc/pressure/memory' in files else None
    return s


def rates(prev, cur):
    dt = cur['t_ms'] - prev['t_ms']
    r = {'interval_ms': dt}
    if dt <= 0:
        return None
    sec = dt / 1000
    for k in ('refaults', 'majfault', 'limit_hits', 'scan_kswapd', 'scan_direct', 'steal', 'allocstall'):
        r[k] = max(0, cur['counters'][k] - prev['counters'][k]) / sec
    dc = max(0, cur['counters']['cpu_total'] - prev['counters']['cpu_total'])
    r['iowait'] = max(0, cur['counters']['cpu_iowait'] - prev['counters']['cpu_iowait']) / dc if dc else 0
    r['system'] = max(0, cur['counters']['cpu_system'] - prev['counters']['cpu_system']) / dc if dc else 0
    r['some'] = r['full'] = 0.0
    if prev['psi'] and cur['psi']:
        us = dt * 1000
        r['some'] = min(1, max(0, cur['psi']['some_total'] - prev['psi']['some_total']) / us)
        r['full'] = min(1, max(0, cur['psi']['full_total'] - prev['psi']['full_total']) / us)
    return r


def load(path):
    """Returns (header, samples with 'rates', labels sorted by t_ms)."""
    header = None
    samples, labels = [], []
    with gzip.open(path, 'rt') as f:
        for line in f:
            o = json.loads(line)
            if header is None:
                header = o
            elif 'label' in o:
                labels.append(o)
            else:
                samples.append(sample_of(header, o['files'], o['t_ms']))
    samples.sort(key=lambda s: s['t_ms'])
    labels.sort(key=lambda l: l['t_ms'])
    prev = None
    for s in samples:
        s['rates'] = rates(prev, s) if prev else None
        prev = s
    return header, samples, labels
