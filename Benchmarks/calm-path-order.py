#!/usr/bin/env python3
"""Writes the link order of fastoomd's functions from callgrind dumps of one tick each.

Usage: calm-path-order.py DUMP... > Sources/fastoomd/calm-path.order
       calm-path-order.py --check EXECUTABLE Sources/fastoomd/calm-path.order

A dump whose tick sampled the node (NodeSampler.sample ran) is a full tick; one that only took
a glance is a calm tick; a dump without either is skipped. The functions of calm ticks come
first, the loop's own first and then by how many calm ticks ran them; then those only full ticks
ran. Names are the linker's (callgrind run with --demangle=no); lld skips the `#` comments.

--check fails when a calm-tick function the file names is not in the executable (`nm`): the
calm path changed and the file must be written again.
"""
import collections
import subprocess
import sys

FULL_TICK_MARK = "# The functions only full ticks ran:"

SAMPLE = "11NodeSamplerC6sample"
GLANCE = "11NodeSamplerC6glance"
LOOP = "10RunCommandO4loop"


def functions(path):
    """The functions that ran in the dump at `path` (a cost line after their fn= line)."""
    ran, current, after_call = set(), None, False
    with open(path, encoding="utf-8", errors="replace") as dump:
        for line in dump:
            if line.startswith("fn="):
                current, after_call = line[3:].strip(), False
            elif line.startswith("calls="):
                after_call = True
            elif line[:1].isdigit() or line[:1] in "+-*":
                if after_call:
                    after_call = False
                elif current and any(field != "0" for field in line.split()[1:]):
                    ran.add(current)
    return {name for name in ran if not name.startswith("0x")}


def main(paths):
    calm, full = collections.Counter(), set()
    calm_ticks = full_ticks = 0
    for path in paths:
        ran = functions(path)
        if any(SAMPLE in name for name in ran):
            full |= ran
            full_ticks += 1
        elif any(GLANCE in name for name in ran):
            calm.update(ran)
            calm_ticks += 1
    if calm_ticks == 0 or full_ticks == 0:
        sys.exit(f"calm-path-order: {calm_ticks} calm and {full_ticks} full ticks in the dumps; need both")
    print("# Written by Benchmarks/calm-path-order.sh; the functions calm ticks ran:")
    print("\n".join(sorted(calm, key=lambda name: (LOOP not in name, -calm[name], name))))
    print(FULL_TICK_MARK)
    print("\n".join(sorted(full - set(calm))))
    print(f"calm-path-order: {calm_ticks} calm ticks ran {len(calm)} functions, "
          f"{full_ticks} full ticks {len(full - set(calm))} more", file=sys.stderr)


def check(executable, order_path):
    symbols = set(subprocess.run(["nm", executable], capture_output=True, text=True, check=True)
                  .stdout.split())
    with open(order_path, encoding="utf-8") as order:
        calm = [line.strip() for line in order.read().split(FULL_TICK_MARK)[0].splitlines()
                if line.strip() and not line.startswith("#")]
    missing = [name for name in calm if name not in symbols]
    if missing:
        sys.exit(f"{order_path}: {len(missing)} of its {len(calm)} calm-tick functions are not in "
                 f"{executable}, first {missing[0]}; run Benchmarks/calm-path-order.sh")
    print(f"{order_path}: all {len(calm)} calm-tick functions are in {executable}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--check"]:
        check(*sys.argv[2:4])
    else:
        main(sys.argv[1:])
