#!/usr/bin/env python3
"""A Home Assistant stand-in that misbehaves on purpose, for the fault matrix and the
breaker test. Prints its port on the first line of stdout, then serves until killed.

  fault_server.py [--mode MODE] [--tls CERT KEY]

Modes: ok, slow (answers after 30 s), 401, 403, 404 (unknown entity), 500, malformed
(200 with a body that is not JSON), truncated (closes mid-body), huge (a 40 MB body).
POST /__mode with a mode as body switches it; GET /__count tells how many requests it
served. The certificate in Fixtures/ is a self-signed test certificate (localhost)."""
import json, ssl, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

state = {"mode": "ok", "count": 0}
lock = threading.Lock()
LIGHT = {"entity_id": "light.bed_light", "state": "on",
         "attributes": {"friendly_name": "Bed Light", "supported_color_modes": ["onoff"]}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, content_type="application/json", length=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def ok(self):
        path = self.path
        if path == "/api/config":
            return self.send(200, json.dumps({"version": "2024.3.3", "unit_system": {"temperature": "°C"}}).encode())
        if path.startswith("/api/states/"):
            return self.send(200, json.dumps(LIGHT).encode())
        if path == "/api/states":
            return self.send(200, json.dumps([LIGHT]).encode())
        if path.startswith("/api/services/"):
            return self.send(200, json.dumps([LIGHT]).encode())
        if path == "/api/conversation/process":
            answer = {"response": {"speech": {"plain": {"speech": "Done"}}, "response_type": "action_done", "data": {}}, "conversation_id": None}
            return self.send(200, json.dumps(answer).encode())
        return self.send(200, json.dumps({"message": "API running."}).encode())

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.path == "/__mode":
            with lock:
                state["mode"] = body.decode().strip()
            return self.send(200, b"{}")
        if self.path == "/__count":
            with lock:
                return self.send(200, json.dumps(state["count"]).encode())
        with lock:
            state["count"] += 1
            mode = state["mode"]
        if mode == "ok":
            return self.ok()
        if mode == "slow":
            time.sleep(30)
            return self.ok()
        if mode in ("401", "403", "500", "503"):
            return self.send(int(mode), json.dumps({"message": "fault " + mode}).encode())
        if mode == "404":
            return self.send(404, json.dumps({"message": "Entity not found."}).encode())
        if mode == "malformed":
            return self.send(200, b"{not json at all")
        if mode == "truncated":
            self.send(200, b'[{"entity_id": "light.bed', length=5000)
            self.close_connection = True
            return
        if mode == "huge":
            chunk = (json.dumps(LIGHT) + ",").encode()
            count = 40 * 1024 * 1024 // len(chunk)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(1 + len(chunk) * count + len(b"{}]")))
            self.end_headers()
            try:
                self.wfile.write(b"[")
                for _ in range(count):
                    self.wfile.write(chunk)
                self.wfile.write(b"{}]")
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        return self.send(500, b'{"message": "unknown mode"}')

    do_GET = do_POST = handle_any


def main():
    args = sys.argv[1:]
    if "--mode" in args:
        state["mode"] = args[args.index("--mode") + 1]
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if "--tls" in args:
        index = args.index("--tls")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args[index + 1], args[index + 2])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    server.serve_forever()


main()
