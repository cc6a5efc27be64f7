"""Amazon SQS on loopback for the home link's tests: moto's server (an implementation
independent of ours), on a free port it prints first. It exits when the test process
that started it is gone, so a crashed run leaves nothing behind."""
import logging
import os
import time

from moto.moto_server.threaded_moto_server import ThreadedMotoServer

parent = os.getppid()
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(server.get_host_and_port()[1], flush=True)
# Nothing more on the test's output: a log line per request would fill the pipe it reads.
logging.getLogger("werkzeug").setLevel(logging.ERROR)
quiet = os.open(os.devnull, os.O_WRONLY)
os.dup2(quiet, 1)
os.dup2(quiet, 2)
while os.getppid() == parent:
    time.sleep(0.5)
server.stop()
