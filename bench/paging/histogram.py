#!/usr/bin/env python3
"""Reads a Prometheus histogram from /metrics on stdin and prints p50/p99/count per label value.
Usage: curl -s .../metrics | histogram.py firebreak_work_firing_delay_seconds kind"""
import re, sys

name, label = sys.argv[1], sys.argv[2]
buckets = {}
for line in sys.stdin:
    m = re.match(rf'{name}_bucket\{{{label}="([^"]+)",le="([^"]+)"\}} (\S+)', line)
    if m:
        buckets.setdefault(m.group(1), []).append((float("inf") if m.group(2) == "+Inf" else float(m.group(2)), float(m.group(3))))


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
