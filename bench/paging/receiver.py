#!/usr/bin/env python3
"""Webhook receiver for bench/paging, on 127.0.0.1 only.

Records the first arrival (time.time_ns()) of every alert id, whichever sent it:
  POST /    Alertmanager webhook JSON: ids from alerts[].labels.id
  POST /fb  Firebreak webhook JSON: ids from the last word of incidents[].title ("e2e <id>")
  GET  /arrivals -> {id: first_arrival_ns};  GET /stats -> {posts, incidents};  POST /reset
Usage: receiver.py [port]   (default 9099)
"""
import json, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
STATE = {"posts": 0, "incidents": 0, "arrivals": {}}


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def _send(self, code, obj):
        body = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        with LOCK:
            if self.path == "/arrivals":
                return self._send(200, STATE["arrivals"])
            return self._send(200, {"posts": STATE["posts"], "incidents": STATE["incidents"]})

    def do_POST(self):
        now = time.time_ns()
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/reset":
            with LOCK:
                STATE.update(posts=0, incidents=0, arrivals={})
            return self._send(200, {})
        try:
            doc = json.loads(body or b"{}")
        except ValueError:
            return self._send(400, {})
        if self.path.startswith("/fb"):
            ids = [i.get("title", "").split(" ")[-1] for i in doc.get("incidents", [])]
        else:
            ids = [a.get("labels", {}).get("id") for a in doc.get("alerts", []) if a.get("status", "firing") == "firing"]
        with LOCK:
            STATE["posts"] += 1
            STATE["incidents"] += len(ids)
            for i in ids:
                if i and i not in STATE["arrivals"]:
                    STATE["arrivals"][i] = now
        self._send(200, {})


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 9099), H).serve_forever()
