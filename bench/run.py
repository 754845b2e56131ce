"""`make bench`: gunicorn (2 workers, DEBUG off) + wrk, page cache on and off, against a floor.

Uses PostgreSQL and Redis on 127.0.0.1 when they answer (the production stack), else SQLite
and the in-process cache. Every process it starts is stopped, whatever happens.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = free_port()
BASE = f"http://127.0.0.1:{PORT}"
CONNECTIONS, THREADS, SECONDS = 8, 2, int(os.environ.get("BENCH_SECONDS", "5"))
PAGES = [
    ("static file (floor)", "/static/floor.txt"),
    ("home", "/"),
    ("article, 200 comments", "/articles/bench-article-with-200-comments/"),
    ("story with photos", "/stories/rocks-in-my-neck/"),
    ("condition", "/conditions/cervical-dystonia/"),
    ("search", "/search/?q=injections"),
    ("feed", "/feed/"),
]
# For scale, with the page cache off: Django's own cost through every middleware, for a view
# that renders no template and asks no query. No page can be faster than this.
REFERENCE = ("robots.txt (no template)", "/robots.txt")
# With the page cache on: the article for a reader who has liked it (their visitor cookie), who
# gets the cached page with their own like button.
LIKER = ("article, reader who liked", PAGES[2][1])


def answers(host, port):
    try:
        socket.create_connection((host, port), timeout=1).close()
        return True
    except OSError:
        return False


def environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "HYPOGAL_"))}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=(ROOT / ".secret_key").read_text().strip(),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_HSTS_SECONDS="0",
        HYPOGAL_SERVE_MEDIA="1",
        MEDIA_ROOT=str(ROOT / "bench" / "media"),
        STATIC_ROOT=str(ROOT / "bench" / "static"),
        DJANGO_LOG_LEVEL="WARNING",  # a log line per request would measure the terminal
    )
    if answers("127.0.0.1", 5432):
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "hypogal_bench"],
            check=True,
        )
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-U", "postgres", "hypogal_bench"], check=True
        )
        env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/hypogal_bench"
    else:
        for path in (ROOT / "bench").glob("bench.sqlite3*"):
            path.unlink()
        env["DATABASE_URL"] = f"sqlite:///{ROOT / 'bench' / 'bench.sqlite3'}"
    if answers("127.0.0.1", 6379):
        env["REDIS_URL"] = "redis://127.0.0.1:6379/15"
        subprocess.run(["redis-cli", "-n", "15", "flushdb"], check=False, capture_output=True)
    return env


def manage(env, *args):
    subprocess.run([BIN / "python", "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(env):
    shutil.rmtree(ROOT / "bench" / "media", ignore_errors=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "-v0")
    seed = (ROOT / "bench" / "seed.py").read_text()
    manage(env, "shell", "--no-imports", "-c", seed)


def start(env, cache):
    server = subprocess.Popen(
        [
            BIN / "gunicorn",
            "hypogal.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**env, "HYPOGAL_PAGE_CACHE": "1" if cache else "0"},
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(BASE + "/healthz", timeout=1)  # noqa: S310 - our own server
            return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise SystemExit("gunicorn did not start")


def stop(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def liker_cookie(path):
    """Like the post at ``path`` as a browser would (its page, then the like form's POST with
    JavaScript); the visitor cookie that this leaves, as a Cookie header."""
    page = urllib.request.urlopen(BASE + path, timeout=10)  # noqa: S310 - our own server
    html = page.read().decode()
    csrf = re.search(r"csrftoken=([^;]+)", "; ".join(page.headers.get_all("Set-Cookie"))).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    action = re.search(r'<form class="like-form" method="post" action="([^"]+)"', html).group(1)
    request = urllib.request.Request(  # noqa: S310 - our own server
        BASE + action,
        data=b"action=like",
        headers={
            "Cookie": f"csrftoken={csrf}",
            "X-CSRFToken": token,
            "Accept": "application/json",
            "Referer": BASE + path,
        },
    )
    response = urllib.request.urlopen(request, timeout=10)  # noqa: S310
    cookies = "; ".join(response.headers.get_all("Set-Cookie"))
    visitor = re.search(r"(hypogal_visitor=[^;]+)", cookies).group(1)
    return f"Cookie: {visitor}"


def wrk(path, header=None):
    for _ in range(3):  # warm: the first requests fill the page cache and the workers' imports
        urllib.request.urlopen(BASE + path, timeout=10).read()  # noqa: S310
    extra = ["-H", header] if header else []
    out = subprocess.run(
        ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", *extra,
         BASE + path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {p: to_ms(v, u) for p, v, u in re.findall(r"\s(50|99)%\s+([\d.]+)(us|ms|s)\b", out)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, latency["50"], latency["99"], int(errors.group(1)) if errors else 0


def main():
    env = environment()
    prepare(env)
    floor_path = PAGES[0][1]
    rows = {}
    for cache in (True, False):
        server = start(env, cache)
        try:
            for name, path in PAGES[1:] + ([] if cache else [REFERENCE]):
                # The floor is measured again just before each page: this VM's speed drifts
                # within a run (by a quarter, measured), and a page is compared with the floor
                # of its own moment rather than with one taken minutes earlier.
                floor = wrk(floor_path)
                rows[(name, cache)] = (floor[0], *wrk(path))
            if cache:
                name, path = LIKER
                header = liker_cookie(path)
                floor = wrk(floor_path)
                rows[(name, cache)] = (floor[0], *wrk(path, header))
        finally:
            stop(server)
    db = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    cache_backend = "Redis" if env.get("REDIS_URL") else "local memory"
    lines = [
        f"HypoGal benchmark: gunicorn 2 workers, DEBUG off, {db}, cache {cache_backend}; "
        f"wrk {THREADS} threads, {CONNECTIONS} connections, {SECONDS}s per page, "
        f"on {os.cpu_count()} cores. Floor: a tiny static file from the same gunicorn, "
        "measured just before each page.",
        "",
        f"{'page':24} {'cache':6} {'req/s':>8} {'floor':>7} {'vs floor':>9} {'p50 ms':>8} "
        f"{'p99 ms':>8} {'errors':>7}",
    ]
    for (name, cache), (floor, rps, p50, p99, errors) in rows.items():
        lines.append(
            f"{name:24} {'on' if cache else 'off':6} {rps:8.0f} {floor:7.0f} {rps / floor:8.0%} "
            f"{p50:8.2f} {p99:8.2f} {errors:7d}"
        )
    table = "\n".join(lines) + "\n"
    (ROOT / "bench" / "results.txt").write_text(table)
    print(table)


if __name__ == "__main__":
    sys.exit(main())
