#!/usr/bin/env python3
"""Reads a Prometheus histogram from /metrics on stdin and prints p50/p99/count per label value; with BEFORE (an
earlier /metrics saved to a file), only what was observed since then.
Usage: curl -s .../metrics | histogram.py firebreak_work_firing_delay_seconds kind [BEFORE]"""
import re, sys

name, label = sys.argv[1], sys.argv[2]


def read(lines):
    found = {}
    for line in lines:
        m = re.match(rf'{name}_bucket\{{{label}="([^"]+)",le="([^"]+)"\}} (\S+)', line)
        if m:
            found[(m.group(1), float("inf") if m.group(2) == "+Inf" else float(m.group(2)))] = float(m.group(3))
    return found


now = read(sys.stdin)
before = read(open(sys.argv[3])) if len(sys.argv) > 3 else {}
buckets = {}
for (value, le), n in now.items():
    buckets.setdefault(value, []).append((le, n - before.get((value, le), 0.0)))
buckets = {value: bs for value, bs in buckets.items() if max(n for _, n in bs) > 0}


def quantile(bs, q):
    bs = sorted(bs)
    total = bs[-1][1]
    want, prev_le, prev_n = q * total, 0.0, 0.0
    for le, n in bs:
        if n >= want:
            if le == float("inf"):
                return prev_le
            return prev_le + (le - prev_le) * ((want - prev_n) / (n - prev_n) if n > prev_n else 0)
        prev_le, prev_n = le, n
    return prev_le


for value, bs in sorted(buckets.items()):
    print(f"{value}: n={int(sorted(bs)[-1][1])} p50={quantile(bs, .5) * 1000:.1f} ms p99={quantile(bs, .99) * 1000:.1f} ms")
