"""What every moto fixture does once it is ready: print its port (the first line the test
reads), then keep quiet (a log line per request would fill the pipe the test reads) and
serve until the test process that started it is gone."""
import logging
import os
import time


def serve_until_parent_exits(server, parent, port):
    print(port, flush=True)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)
    while os.getppid() == parent:
        time.sleep(0.5)
    server.stop()
