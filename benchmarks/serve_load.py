"""Load on a running ``kg serve``, on loopback only, bounded in clients and time (not a test).

N client threads each send SPARQL requests (a mix of the named queries and protocol queries
by GET and POST) to the server for T seconds, one at a time on a kept-alive connection, and
stop by themselves. The script prints the requests sent, p50 / p99 / max latency and the
errors (any answer but 200, or a failed connection), and exits 1 if there was an error.

Run against a server you started::

    .venv/bin/kg serve --store .kg/store --port 7879 &
    .venv/bin/python benchmarks/serve_load.py --url http://127.0.0.1:7879 --clients 20 --seconds 10

or let the script start one over a store folder (and stop it afterwards)::

    .venv/bin/python benchmarks/serve_load.py --store .kg/store --clients 20 --seconds 10
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOOPBACK = ("127.0.0.1", "localhost", "::1")
MAX_CLIENTS = 200
MAX_SECONDS = 300.0

#: The requests every client cycles through: (method, path, body or None, extra headers).
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
REQUESTS: list[tuple[str, str, bytes | None, dict[str, str]]] = [
    ("GET", "/queries/officials?country=India", None, {"Accept": "application/sparql-results+json"}),
    ("GET", "/queries/meetings?a=India&b=United+States", None, {"Accept": "text/csv"}),
    ("GET", "/queries/counts", None, {"Accept": "application/sparql-results+xml"}),
    ("GET", "/sparql?" + urllib.parse.urlencode({"query": COUNT}), None, {"Accept": "application/sparql-results+json"}),
    ("POST", "/sparql", b"CONSTRUCT { ?s ?p ?o } WHERE { ?s a ?o . BIND(<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> AS ?p) } LIMIT 200",
     {"Content-Type": "application/sparql-query", "Accept": "text/turtle"}),
    ("POST", "/sparql", urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}).encode(),
     {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}),
]


def load(url: str, *, clients: int, seconds: float) -> dict:
    """Send requests from ``clients`` threads for ``seconds``; give latencies (s) and errors.

    Raises
    ------
    ValueError
        The URL is not on loopback, or the bounds are out of range.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.hostname not in LOOPBACK:
        raise ValueError(f"{url}: the load test runs on loopback only (127.0.0.1)")
    if not 1 <= clients <= MAX_CLIENTS or not 0 < seconds <= MAX_SECONDS:
        raise ValueError(f"clients must be 1-{MAX_CLIENTS} and seconds 0-{MAX_SECONDS:g}")
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(number: int) -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=60)
        mine, wrong = [], []
        sent = number  # each client starts at another request of the mix
        while time.monotonic() < stop_at:
            method, path, body, headers = REQUESTS[sent % len(REQUESTS)]
            sent += 1
            began = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
                if response.status != 200:
                    wrong.append(f"{method} {path}: {response.status} {payload[:200]!r}")
            except (OSError, http.client.HTTPException) as e:
                wrong.append(f"{method} {path}: {type(e).__name__}: {e}")
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=60)
            mine.append(time.perf_counter() - began)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors.extend(wrong)

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return {"latencies": latencies, "errors": errors, "elapsed": time.monotonic() - began, "clients": clients}


def report(stats: dict) -> str:
    """One line per figure: requests, throughput, p50 / p99 / max latency in ms, errors."""
    latencies = sorted(stats["latencies"])
    if len(latencies) >= 2:
        cuts = statistics.quantiles(latencies, n=100, method="inclusive")
        p50, p99 = cuts[49], cuts[98]
    else:
        p50 = p99 = latencies[0] if latencies else float("nan")
    lines = [
        f"clients   {stats['clients']}",
        f"requests  {len(latencies)} in {stats['elapsed']:.1f} s ({len(latencies) / stats['elapsed']:.0f}/s)",
        f"p50       {p50 * 1000:.1f} ms",
        f"p99       {p99 * 1000:.1f} ms",
        f"max       {(latencies[-1] if latencies else float('nan')) * 1000:.1f} ms",
        f"errors    {len(stats['errors'])}",
    ]
    lines.extend(f"  {error}" for error in stats["errors"][:10])
    return "\n".join(lines)


def _start_server(store: str) -> tuple[subprocess.Popen, str]:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    kg = Path(sys.executable).parent / "kg"
    process = subprocess.Popen([str(kg), "serve", "--store", store, "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, url
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"kg serve exited with {process.returncode}")
            time.sleep(0.05)
    process.terminate()
    raise SystemExit("kg serve did not start within 30 s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="base URL of a running kg serve on loopback")
    where.add_argument("--store", help="a store folder: the script serves it itself")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args(argv)
    process = None
    url = args.url
    if args.store:
        process, url = _start_server(args.store)
    try:
        stats = load(url, clients=args.clients, seconds=args.seconds)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=10)
    print(report(stats))
    return 1 if stats["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
