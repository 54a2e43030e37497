#!/usr/bin/env python3
"""How many pages of memory a running daemon touches per tick, by mapping.

Usage (root): Benchmarks/pages-per-tick.py PID [WINDOWS] [SECONDS]

Clears the pages' referenced bits (/proc/PID/clear_refs), waits SECONDS (1.2: one tick at one a
second, sometimes two), counts the pages that /proc/PID/smaps shows referenced again, and keeps
the quietest of WINDOWS (8) windows: for fastoomd a calm tick, for earlyoom its one poll. Clearing
the bits flushes the process's TLB, so do not run it while measuring CPU time.
"""
import sys
import time


def referenced(pid):
    pages, mapping = {}, None
    with open(f"/proc/{pid}/smaps", encoding="utf-8") as smaps:
        for line in smaps:
            fields = line.split()
            if not fields[0].endswith(":"):
                mapping = (fields[5] if len(fields) > 5 else "[anonymous]") + " " + fields[1]
            elif fields[0] == "Referenced:":
                pages[mapping] = pages.get(mapping, 0) + int(fields[1]) // 4
    return pages


def main(pid, windows=8, seconds=1.2):
    quietest = None
    for _ in range(windows):
        with open(f"/proc/{pid}/clear_refs", "w", encoding="utf-8") as clear:
            clear.write("1")
        time.sleep(seconds)
        pages = referenced(pid)
        if quietest is None or sum(pages.values()) < sum(quietest.values()):
            quietest = pages
    print(f"pages referenced in the quietest of {windows} windows of {seconds} s: {sum(quietest.values())}")
    for mapping, count in sorted(quietest.items(), key=lambda item: -item[1]):
        if count:
            print(f"  {count:5d} {mapping}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 8,
         float(sys.argv[3]) if len(sys.argv) > 3 else 1.2)
