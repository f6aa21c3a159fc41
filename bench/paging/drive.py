#!/usr/bin/env python3
"""Drives bench/paging. Two measurements:

  latency  Posts N distinct alerts one by one (each waits for its response, then --gap-ms) and reads when the
           receiver first got each one. --target am posts to Alertmanager's /api/v2/alerts, --target fb to
           Firebreak's Alertmanager-webhook endpoint. Latency = arrival - time just before the POST.
  storm    Posts N distinct alerts to Firebreak paced evenly over --spread-s seconds (batches of --batch), so N
           incidents open and their escalation steps fall due across that window; prints nothing but progress.
"""
import argparse, http.client, json, time, urllib.request


def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return None
    k = (len(xs) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


ap = argparse.ArgumentParser()
ap.add_argument("what", choices=["latency", "storm"])
ap.add_argument("--target", choices=["am", "fb"], default="fb")
ap.add_argument("--host", default="127.0.0.1:18080")
ap.add_argument("--path", default="/api/v2/alerts")
ap.add_argument("--recv", default="http://127.0.0.1:9099")
ap.add_argument("--n", type=int, default=200)
ap.add_argument("--gap-ms", type=float, default=50)
ap.add_argument("--warmup", type=int, default=0, help="latency: alerts sent first and not measured (JIT warm-up)")
ap.add_argument("--settle-s", type=float, default=5)
ap.add_argument("--spread-s", type=float, default=600)
ap.add_argument("--batch", type=int, default=10)
ap.add_argument("--dump", help="latency: also write every measured latency (ms) to this file, as a JSON list")
a = ap.parse_args()


def body(ids, status="firing"):
    alerts = [{"status": status, "labels": {"alertname": "Paging", "id": i, "severity": "critical", "mode": "e2e-own"},
               "annotations": {"summary": f"e2e {i}"}} for i in ids]
    return json.dumps(alerts if a.target == "am" else {"version": "4", "status": status, "alerts": alerts}).encode()


conn = http.client.HTTPConnection(a.host, timeout=30)
run = f"{a.target}{time.time_ns()}"
if a.what == "latency":
    urllib.request.urlopen(urllib.request.Request(a.recv + "/reset", data=b"", method="POST"), timeout=5).read()
    for n in range(a.warmup):
        conn.request("POST", a.path, body([f"{run}-warm-{n}"]), {"Content-Type": "application/json"})
        conn.getresponse().read()
        time.sleep(a.gap_ms / 1000)
    time.sleep(a.settle_s)
    if a.n == 0:
        raise SystemExit(0)
    urllib.request.urlopen(urllib.request.Request(a.recv + "/reset", data=b"", method="POST"), timeout=5).read()
    sent, codes, answered = {}, {}, []
    for n in range(a.n):
        aid = f"{run}-{n}"
        t0 = time.time_ns()
        conn.request("POST", a.path, body([aid]), {"Content-Type": "application/json"})
        r = conn.getresponse(); r.read()
        answered.append((time.time_ns() - t0) / 1e6)
        codes[r.status] = codes.get(r.status, 0) + 1
        sent[aid] = t0
        time.sleep(a.gap_ms / 1000)
    time.sleep(a.settle_s)
    arrivals = json.load(urllib.request.urlopen(a.recv + "/arrivals", timeout=10))
    lat = [(arrivals[i] - t) / 1e6 for i, t in sent.items() if i in arrivals]
    if a.dump:
        with open(a.dump, "w") as f:
            json.dump(lat, f)
    print("RESULT " + json.dumps({"target": a.target, "sent": len(sent), "received": len(lat), "codes": codes,
                                  "p50_ms": pct(lat, 50), "p90_ms": pct(lat, 90), "p99_ms": pct(lat, 99), "max_ms": max(lat) if lat else None,
                                  "response_p50_ms": pct(answered, 50), "response_p99_ms": pct(answered, 99)}))
else:
    start = time.monotonic()
    batches = (a.n + a.batch - 1) // a.batch
    for b in range(batches):
        due = start + b * a.spread_s / batches
        wait = due - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        ids = [f"{run}-{b * a.batch + k}" for k in range(min(a.batch, a.n - b * a.batch))]
        conn.request("POST", a.path, body(ids), {"Content-Type": "application/json"})
        r = conn.getresponse(); r.read()
        if r.status >= 300:
            print(f"batch {b}: HTTP {r.status}")
    print(f"storm: {a.n} alerts in {time.monotonic() - start:.0f} s")
