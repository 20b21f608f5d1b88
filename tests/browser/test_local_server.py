"""The test servers' start-up: a port chosen free but taken before the server binds it (another test's server, a
kernel) is seen at once, and the server starts again on another port instead of failing the run."""
import socket
import sys

import pytest

from .conftest import PortTaken, app_command, local_server

#: A stand-in server: with the word "taken" it says what Python says when its port was taken and waits; otherwise it
#: serves HTTP on the port it was given.
_SERVER = """
import http.server, sys, time
if sys.argv[2] == "taken":
    print("OSError: [Errno 98] Address already in use", flush=True)
    time.sleep(60)
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), http.server.SimpleHTTPRequestHandler).serve_forever()
"""


def test_a_taken_port_is_seen_and_the_server_started_again_on_another(tmp_path):
    ports = []

    def command(port):
        ports.append(port)
        return [sys.executable, "-c", _SERVER, str(port), "taken" if len(ports) == 1 else "free"]

    with local_server(command, "/", tmp_path / "server.log", cwd=tmp_path, seconds=30) as server:
        assert len(ports) == 2 and server.url.endswith(f":{ports[1]}")
        assert (tmp_path / "server.log").exists() and server.log_path == tmp_path / "server-1.log"


def test_after_the_last_attempt_it_says_the_port_was_taken(tmp_path):
    with pytest.raises(PortTaken, match="taken"):
        with local_server(lambda port: [sys.executable, "-c", _SERVER, str(port), "taken"], "/",
                          tmp_path / "server.log", cwd=tmp_path, seconds=30, attempts=2):
            pass


def test_the_app_server_stops_on_a_taken_port_instead_of_moving_to_another(tmp_path):
    """Voilà, told ``port_retries=0``, says its port is taken and exits: it never answers on a port nobody waits on."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        taken = holder.getsockname()[1]
        with pytest.raises(PortTaken):
            with local_server(lambda _port: app_command(taken), "/", tmp_path / "voila.log", seconds=60,
                              env={"LDN_POOL": "none"}, attempts=1):
                pass
