-- One line wrk prints after a run, for run.sh to read: requests/s, p50 and p99 latency (ms), errors (socket errors and
-- answers other than 2xx/3xx), bytes per response with headers. Only done() is defined, so wrk keeps its fast path.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.2f %.2f %d %.0f\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout,
    summary.bytes / math.max(summary.requests, 1)))
end
