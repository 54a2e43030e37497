"""One reaction run of Benchmarks/vs-earlyoom.sh: fastoomd and earlyoom watch one memory hog at once.

usage: vs-earlyoom-react.py FASTOOMD EARLYOOM GROUP CONFIG

GROUP is an empty v1 memory cgroup directory with its limit set; CONFIG is a fastoomd configuration
whose daemon section targets GROUP. Both daemons run with a dry run, so they only say when they
would kill; the hog grows in 16 MiB steps every 50 ms until the kernel's OOM killer ends it at the
cgroup's limit. earlyoom sees only the node's MemAvailable, so it gets -M just under the node's
current MemAvailable: its threshold is crossed when the hog has taken THRESHOLD_MIB more (other
work on the node moves that point; the hog's own MemAvailable readings say when it really was).
Prints one JSON line; every time is in ms since the hog started (CLOCK_MONOTONIC).
"""

import json
import os
import signal
import subprocess
import sys
import threading
import time

STEP_MIB = 16
STEP_MS = 50
THRESHOLD_MIB = 200


def mem_available_kib():
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1])
    raise RuntimeError("no MemAvailable")


def first_line(process, matches, found):
    """Records the monotonic time of the first output line that `matches`."""
    for line in process.stdout:
        if "first" not in found and matches(line):
            found["first"] = time.monotonic()
            found["line"] = line.strip()


def hog(group, pipe):
    with open(os.path.join(group, "cgroup.procs"), "w") as procs:
        procs.write(str(os.getpid()))
    held = []
    while True:
        held.append(b"\x01" * (STEP_MIB << 20))
        os.write(pipe, f"{time.monotonic()} {len(held) * STEP_MIB} {mem_available_kib()}\n".encode())
        time.sleep(STEP_MS / 1000)


def main():
    fastoomd, earlyoom, group, config = sys.argv[1:5]
    threshold_kib = mem_available_kib() - (THRESHOLD_MIB << 10)
    daemons = {
        "fastoomd": subprocess.Popen(
            [fastoomd, "run", "--dry-run", "--config", config, "--log", config + ".events"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True),
        "earlyoom": subprocess.Popen(
            [earlyoom, "--dryrun", "-r", "0", "-M", f"{threshold_kib},{threshold_kib}"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True),
    }
    matchers = {
        "fastoomd": lambda line: '"would_kill"' in line,
        "earlyoom": lambda line: line.startswith("low memory") or "sending SIGKILL" in line,
    }
    found = {name: {} for name in daemons}
    readers = [threading.Thread(target=first_line, args=(daemons[name], matchers[name], found[name]), daemon=True)
               for name in daemons]
    for reader in readers:
        reader.start()
    time.sleep(3)
    read_end, write_end = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        try:
            hog(group, write_end)
        finally:
            os._exit(1)
    os.close(write_end)
    _, status = os.waitpid(pid, 0)
    end = time.monotonic()
    steps = [line.split() for line in os.fdopen(read_end).read().splitlines()]
    time.sleep(0.5)
    for process in daemons.values():
        process.send_signal(signal.SIGTERM)
        process.wait(5)

    def ms(t):
        return None if t is None else round((t - start) * 1000, 1)

    crossed = next((float(t) for t, _, available in steps if int(available) <= threshold_kib), None)
    mib_at = lambda t: max((int(m) for s, m, _ in steps if float(s) <= t), default=0)
    result = {
        "hog_end_ms": ms(end),
        "hog_signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "hog_peak_mib": int(steps[-1][1]) if steps else 0,
        "earlyoom_threshold_kib": threshold_kib,
        "threshold_crossed_ms": ms(crossed),
    }
    for name in daemons:
        t = found[name].get("first")
        result[name + "_decided_ms"] = ms(t)
        result[name + "_hog_mib_then"] = None if t is None else mib_at(t)
        result[name + "_line"] = found[name].get("line")
    print(json.dumps(result))


main()
