#!/usr/bin/env python3
"""Sums up bench/paging's alternating latency rounds: rounds.py DIR ROUNDS, with DIR/am-R.json and DIR/fb-R.json
(each a JSON list of alert → page latencies in ms, written by drive.py --dump).

Alertmanager's p99 on this 2-core machine moves 2–7 ms from one run to the next, so a single run's ratio says as much
about the run as about Firebreak. Each round measures both, one straight after the other; the figures to quote are
the pooled percentiles of all rounds and the median of the rounds' own ratios."""
import json, statistics, sys

def pct(xs, p):
    xs = sorted(xs)
    k = (len(xs) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)

folder, rounds = sys.argv[1], int(sys.argv[2])
am = [json.load(open(f"{folder}/am-{r}.json")) for r in range(1, rounds + 1)]
fb = [json.load(open(f"{folder}/fb-{r}.json")) for r in range(1, rounds + 1)]
print("| round | AM p50 / p99 ms | FB p50 / p99 ms | FB/AM p50 | FB/AM p99 |")
print("|---|---|---|---|---|")
r50, r99 = [], []
for r, (a, f) in enumerate(zip(am, fb), 1):
    r50.append(pct(f, 50) / pct(a, 50)); r99.append(pct(f, 99) / pct(a, 99))
    print(f"| {r} | {pct(a, 50):.2f} / {pct(a, 99):.2f} | {pct(f, 50):.2f} / {pct(f, 99):.2f} | {r50[-1]:.1f} | {r99[-1]:.1f} |")
pa, pf = sum(am, []), sum(fb, [])
print(f"| all {len(pa)} / {len(pf)} pooled | {pct(pa, 50):.2f} / {pct(pa, 99):.2f} | {pct(pf, 50):.2f} / {pct(pf, 99):.2f} "
      f"| {pct(pf, 50) / pct(pa, 50):.1f} | {pct(pf, 99) / pct(pa, 99):.1f} |")
print(f"| median of rounds | | | {statistics.median(r50):.1f} | {statistics.median(r99):.1f} |")
print("SUMMARY " + json.dumps({"rounds": rounds, "am_p50": pct(pa, 50), "am_p99": pct(pa, 99), "fb_p50": pct(pf, 50), "fb_p99": pct(pf, 99),
                               "pooled_p99_ratio": pct(pf, 99) / pct(pa, 99), "median_round_p99_ratio": statistics.median(r99),
                               "median_round_p50_ratio": statistics.median(r50)}))
