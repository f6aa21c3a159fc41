"""Changes the public status page once a second for SECONDS, while wrk reads it: KIND `component` flips a component's
status between partial and major outage; `public-update` posts a public update on an incident. Prints one line:
UPDATES <kind> <sent> <ok>."""
import json
import sys
import time
import urllib.request

base, token, kind, seconds, target = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), sys.argv[5]
sent = ok = 0
start = time.monotonic()
while time.monotonic() - start < seconds:
    if kind == "component":
        method, path = "PUT", f"/api/v1/status-components/{target}/status"
        body = {"status": "partial_outage" if sent % 2 else "major_outage"}
    else:
        method, path = "POST", f"/api/v1/incidents/{target}/public-updates"
        body = {"status": "identified" if sent % 2 else "investigating", "body": f"Update {sent}: still working on it."}
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method=method,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    sent += 1
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            ok += 200 <= response.status < 300
    except OSError as error:
        print(f"update {sent} failed: {error}", file=sys.stderr)
    # Once a second on the clock, however long the request took.
    time.sleep(max(0.0, start + sent - time.monotonic()))
print(f"UPDATES {kind} {sent} {ok}")
