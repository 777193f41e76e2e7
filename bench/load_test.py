#!/usr/bin/env python
"""Bounded load test: 20 concurrent clients for 60 s while an editor keeps publishing.

Sets up a throw-away site (its own SQLite database and media under a temporary folder,
or BENCH_DATABASE_URL), serves it with gunicorn and production settings on 127.0.0.1
only, drives it with wrk (Debian package ``wrk``) over the URLs in ``URLS`` and, in
parallel, publishes a new revision of one page every half second. It fails (exit 1) on
any 5xx answer or any lost edit, and prints the numbers.

    .venv/bin/python bench/load_test.py [--users 20] [--seconds 60]

The site holds the demo content (case studies, guides, tools, country profiles) and a
few pages of its own. A feature that adds public URLs adds one line to ``URLS``.
"""

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# Paths the virtual visitors request, in turn. One line per feature.
URLS = [
    "/en/",
    "/fr/",
    "/el/",
    "/hr/",
    *[
        f"/{code}/bench-page-{n}/"
        for code in ("en", "fr", "it", "es", "el", "hr")
        for n in range(5)
    ],
    "/en/bench-editor-page/",
    "/en/no-such-page/",  # a 404 is a fine answer, not an error
    "/en/?notice=untranslated",
    # The demo content's case studies, finder, search and open data.
    "/en/case-studies/",
    "/fr/case-studies/?country=FR&sort=title",
    "/en/case-studies/markers.json",
    "/en/case-studies/export.csv",
    "/en/case-studies/export.json?country=IT",
    "/en/case-studies/export.geojson",
    "/en/search/?q=coworking",
    "/fr/search/?q=r%C3%A9seau&type=casestudies.casestudypage",
    "/el/search/?q=%CE%B4%CE%AF%CE%BA%CF%84%CF%85%CE%BF",
    "/en/search/autocomplete/?q=cow",
    "/en/feeds/rss.xml",
    "/sitemap.xml",
    "/api/v2/pages/?type=casestudies.CaseStudyPage&locale=en",
]

SEED = """
from wagtail_localize.synctree import create_aliases_for_new_page
from home.models import HomePage, StandardPage
from hub.setup import setup_site
from wagtail.models import Locale
home = setup_site()
for n in range(5):
    page = home.add_child(instance=StandardPage(
        title=f"Bench page {n}", slug=f"bench-page-{n}", introduction="Load test content."))
    page.save_revision().publish()
    create_aliases_for_new_page(page)
editor_page = home.add_child(instance=StandardPage(
    title="Editor page", slug="bench-editor-page", introduction="edit 0"))
editor_page.save_revision().publish()
create_aliases_for_new_page(editor_page)
print(editor_page.pk)
"""

PUBLISH = """
import sys, time
import django
django.setup()
from home.models import StandardPage
page_id, seconds, interval = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
page = StandardPage.objects.get(pk=page_id)
start = page.revisions.count()
published = 0
deadline = time.monotonic() + seconds
while time.monotonic() < deadline:
    page = StandardPage.objects.get(pk=page_id)
    published += 1
    page.introduction = f"edit {published}"
    page.save_revision().publish()
    time.sleep(interval)
page = StandardPage.objects.get(pk=page_id)
print(f"PUBLISHED {published} REVISIONS {page.revisions.count() - start} LIVE {page.introduction}")
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args, env, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, text=True, **kwargs)


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise SystemExit(f"The server did not answer on {url} within {timeout} s.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=20, help="concurrent connections")
    parser.add_argument("--seconds", type=int, default=60, help="duration of the load")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    options = parser.parse_args()
    if not 1 <= options.users <= 200 or not 1 <= options.seconds <= 600:
        parser.error("--users must be 1-200 and --seconds 1-600 (a bounded test).")
    if shutil.which("wrk") is None:
        print("wrk is not installed (Debian: apt install wrk).", file=sys.stderr)
        return 2

    workdir = Path(tempfile.mkdtemp(prefix="coworkmed-load-"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "off",
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{workdir / 'db.sqlite3'}"),
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
    }
    server = None
    try:
        print(f"Setting up a throw-away site in {workdir} ...")
        run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
        run([PYTHON, "manage.py", "load_demo_content"], env, capture_output=True)
        seeded = run([PYTHON, "manage.py", "shell", "-c", SEED], env, capture_output=True)
        editor_page = int(seeded.stdout.strip().splitlines()[-1])

        server = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "hub.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(options.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/en/")

        urls_file = workdir / "urls.txt"
        urls_file.write_text("\n".join(URLS) + "\n")
        publisher_result = {}

        def publish():
            result = subprocess.run(
                [PYTHON, "-c", PUBLISH, str(editor_page), str(options.seconds), "0.5"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            publisher_result["output"] = result.stdout
            publisher_result["errors"] = result.stderr

        publisher = threading.Thread(target=publish)
        print(
            f"Load: {options.users} connections for {options.seconds} s on {len(URLS)} URLs, "
            "one editor publishing every 0.5 s ..."
        )
        publisher.start()
        wrk = subprocess.run(
            [
                "wrk",
                "--threads",
                str(min(2, options.users)),
                "--connections",
                str(options.users),
                "--duration",
                f"{options.seconds}s",
                "--timeout",
                "10s",
                "--latency",
                "--script",
                str(ROOT / "bench" / "wrk_urls.lua"),
                base,
            ],
            cwd=ROOT,
            env={**env, "WRK_URLS_FILE": str(urls_file)},
            capture_output=True,
            text=True,
            check=False,
        )
        publisher.join()
        if wrk.returncode != 0 or "RESULT" not in wrk.stdout:
            print(f"wrk failed: {wrk.stderr or wrk.stdout}")
            return 1

        print(wrk.stdout)
        result = dict(re.findall(r"(\w+)=([\d.]+)", wrk.stdout.split("RESULT", 1)[1]))
        published = re.search(
            r"PUBLISHED (\d+) REVISIONS (\d+) LIVE edit (\d+)", publisher_result.get("output", "")
        )
        with urllib.request.urlopen(f"{base}/en/bench-editor-page/") as response:  # noqa: S310
            served = response.read().decode()
        failures = []
        if int(result["5xx"]):
            failures.append(f"{result['5xx']} answers were 5xx")
        if not published:
            failures.append("the editor could not publish")
            print(publisher_result.get("errors", "")[-3000:])
        else:
            count, revisions, live = (int(value) for value in published.groups())
            print(f"Editor: {count} publications, {revisions} new revisions, live 'edit {live}'")
            if not count == revisions == live or f"edit {count}<" not in served:
                failures.append("an edit was lost")
        rate = re.search(r"Requests/sec:\s+([\d.]+)", wrk.stdout)
        print(
            f"Summary: {result['requests']} requests, {rate.group(1) if rate else '?'} req/s, "
            f"p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, 5xx {result['5xx']}, "
            f"socket errors {result['errors_connect']}/{result['errors_read']}"
            f"/{result['errors_timeout']} (connect/read/timeout)"
        )
        if failures:
            print("FAILED: " + "; ".join(failures))
            return 1
        print("OK: no 5xx, no lost edit.")
        return 0
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
