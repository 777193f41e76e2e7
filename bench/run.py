"""The performance bench: one command, one Markdown table (``make bench``).

    .venv/bin/python bench/run.py                      # 1,000 and 10,000 pages, SQLite
    .venv/bin/python bench/run.py --sizes 1000 --no-server
    .venv/bin/python bench/run.py --database-url 'postgres://postgres@127.0.0.1:5432/cwm_bench_{size}'

For each size the script makes (once, then reuses) a database filled by ``migrate``,
``setup_site``, ``load_demo_content`` and ``generate_bench_content --pages SIZE``, with
its own media and static folders under ``var/bench/``, and runs the site on the
production settings (DEBUG off, compressed manifest static files, a random key).

Then, for each page type (home, finder, finder with filters, case study, guide, tool,
country profile, search for a common and a rare word, API list, sitemap, CSV export):

1. in-process (Django's test client, the whole middleware stack, page cache off): the
   number of SQL queries, the median and 95th percentile of the wall-clock time and the
   median CPU time (this process, plus the PostgreSQL backend serving it), which the
   other programs of a busy machine do not inflate;
2. over HTTP, under gunicorn with 2 workers on 127.0.0.1 and a bounded load from wrk
   (``--connections`` connections for ``--duration`` seconds per URL): requests/s and
   p50/p99 latency, with a cold cache (page cache off: every request renders) and a warm
   one (page cache on, primed by the first requests).

The table goes to standard output and to ``--output`` (var/bench/report.md); the
reference column holds the Wagtail bakerydemo figures it is compared with.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from measuring import (  # bench/
    database_cpu_ns,
    ensure_postgres_database,
    percentile,
    write_report,
)

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
PYTHON = sys.executable

# Wagtail's bakerydemo (Wagtail 7.4/8.0, SQLite, DEBUG off, 2 cores): median in-process
# render in ms and SQL queries of its equivalent page, as the performance issue gives them.
REFERENCE = {
    "home": ("home", 81, 43),
    "finder": ("blog index", 50, 40),
    "case study": ("blog post", 38, 22),
    "guide": ("detail page", 38, 22),
    "tool": ("detail page", 38, 22),
    "search (common word)": ("search", 113, 39),
    "search (rare word)": ("search", 113, 39),
    "finder after a change": ("blog index", 50, 40),
    "search (common word) after a change": ("search", 113, 39),
}

# The measured pages, in the table's order (``targets`` gives their URLs; ``--only`` names some).
PAGES = (
    "home",
    "finder",
    "finder with filters",
    "finder after a change",
    "case study",
    "guide",
    "tool",
    "country profile",
    "search (common word)",
    "search (common word) after a change",
    "search (rare word)",
    "API list",
    "sitemap index",
    "sitemap section",
    "CSV export",
)

# The first view of a page after a change: what each process keeps per content generation
# (hub.sitewide: the site chrome, the finder's counts, the summaries of searches) is
# dropped before each request of these, as a publish drops it.
AFTER_A_CHANGE = ("finder after a change", "search (common word) after a change")

# In most generated pages ("runs a shared workshop for young makers", hub/data/bench).
COMMON_WORD = "workshop"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument(
        "--database-url",
        default="",
        help="a database URL with {size} in it (default: an SQLite file per size)",
    )
    parser.add_argument("--runs", type=int, default=40, help="in-process requests per URL")
    parser.add_argument("--no-server", action="store_true", help="skip the gunicorn + wrk part")
    parser.add_argument("--duration", type=int, default=8, help="seconds of load per URL")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "report.md")
    parser.add_argument(
        "--only", nargs="+", metavar="PAGE", help='page names to measure, e.g. finder "case study"'
    )
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: in-process worker
    args = parser.parse_args(argv)
    check_pages(parser, args.only)
    return args


def check_pages(parser, names) -> None:
    """Stop with the list of the pages if ``--only`` names one the bench does not have."""
    unknown = [name for name in names or () if name not in PAGES]
    if unknown:
        parser.error(
            f"unknown page {', '.join(map(repr, unknown))}; the pages are: "
            + ", ".join(f'"{name}"' for name in PAGES)
        )


# Environment of the site under test ------------------------------------------------------


def database_url(template: str, size: int) -> str:
    if template:
        return template.format(size=size)
    return f"sqlite:///{BENCH_DIR / f'pages-{size}.sqlite3'}"


def site_environment(url: str, size: int, *, page_cache: bool) -> dict:
    environment = dict(os.environ)
    environment.update(
        DJANGO_SETTINGS_MODULE="hub.settings.production",
        DATABASE_URL=url,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="false",
        MEDIA_ROOT=str(BENCH_DIR / f"media-{size}"),
        STATIC_ROOT=str(BENCH_DIR / "static"),
        PAGE_CACHE_SECONDS="600" if page_cache else "0",
        PYTHONPATH=str(ROOT),
    )
    # The local-memory cache of each worker by default; BENCH_REDIS_URL=redis://... for Redis.
    environment.pop("REDIS_URL", None)
    if os.environ.get("BENCH_REDIS_URL"):
        environment["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    return environment


def manage(environment: dict, *arguments: str) -> None:
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=environment, check=True)


def prepare(url: str, size: int) -> None:
    """Fill the database once; a marker table row tells a later run it is ready."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    marker = BENCH_DIR / f"ready-{size}-{re.sub(r'[^a-z0-9]+', '-', url.lower())[-60:]}"
    environment = site_environment(url, size, page_cache=False)
    if marker.exists():
        print(f"[{size}] reusing {url}", flush=True)
        manage(environment, "migrate", "--noinput", "--verbosity", "0")  # new migrations
        return
    if url.startswith("postgres"):
        ensure_postgres_database(url)
    started = time.perf_counter()
    print(f"[{size}] filling {url} (a few minutes at 10,000 pages)", flush=True)
    manage(environment, "migrate", "--noinput", "--verbosity", "0")
    manage(environment, "setup_site")
    manage(environment, "load_demo_content", "--if-empty")
    manage(environment, "generate_bench_content", "--pages", str(size), "--reset")
    marker.write_text(f"{size} pages, filled in {time.perf_counter() - started:.0f} s\n")


def collect_static(environment: dict) -> None:
    if not (BENCH_DIR / "static" / "staticfiles.json").exists():
        manage(environment, "collectstatic", "--noinput", "--verbosity", "0")


# In-process measurement (runs in a child process: one Django per database) ---------------


def targets() -> list[tuple[str, str]]:
    """(name, URL) of every measured page, found through the tree, never by slug."""
    from wagtail.models import Locale, Page

    from casestudies.models import CaseStudyIndexPage, CaseStudyPage
    from hub.models import CountryProfilePage
    from toolkit.models import GuidePage, ToolPage

    english = Locale.objects.get(language_code="en")

    def middle(model):
        pages = model.objects.live().public().filter(locale=english).order_by("pk")
        return pages[pages.count() // 2].url

    finder = CaseStudyIndexPage.objects.live().filter(locale=english).order_by("pk").first()
    case = CaseStudyPage.objects.live().filter(locale=english).order_by("pk")
    sample = case[case.count() // 2]
    filters = urlencode(
        [("country", sample.country.code), *[("theme", t.slug) for t in sample.themes.all()[:1]]]
    )
    home = Page.objects.get(depth=2, locale=english).url
    pages = [
        ("home", home),
        ("finder", finder.url),
        ("finder with filters", f"{finder.url}?{filters}"),
        ("finder after a change", finder.url),
        ("case study", sample.url),
        ("guide", middle(GuidePage)),
        ("tool", middle(ToolPage)),
        ("country profile", middle(CountryProfilePage)),
        ("search (common word)", f"/en/search/?{urlencode({'q': COMMON_WORD})}"),
        ("search (common word) after a change", f"/en/search/?{urlencode({'q': COMMON_WORD})}"),
        ("search (rare word)", f"/en/search/?{urlencode({'q': rare_word(english)})}"),
        ("API list", "/api/v2/pages/?type=casestudies.CaseStudyPage&locale=en&limit=20"),
        ("sitemap index", "/sitemap.xml"),
        ("sitemap section", sitemap_section()),
        ("CSV export", f"{finder.url}export.csv"),
    ]
    assert tuple(name for name, _url in pages) == PAGES
    return pages


def forget_if_after_a_change(name: str) -> None:
    """Before a request of a page of ``AFTER_A_CHANGE``: drop what the process keeps."""
    if name in AFTER_A_CHANGE:
        from hub import sitewide

        sitewide.forget()


def rare_word(english) -> str:
    """The longest word of a hand-written demo case study's title: in a handful of pages."""
    from casestudies.models import CaseStudyPage

    demo = (
        CaseStudyPage.objects.live()
        .filter(locale=english)
        .exclude(slug__startswith="bench-")
        .order_by("pk")
        .first()
    )
    if demo is None:
        return "lighthouse"
    return max(re.findall(r"\w+", demo.title), key=len)


def sitemap_section() -> str:
    from django.test import Client

    index = Client().get("/sitemap.xml")
    content = b"".join(index.streaming_content) if index.streaming else index.content
    locations = re.findall(rb"<loc>([^<]+)</loc>", content)
    if not locations:
        return "/sitemap-pages.xml"
    location = locations[0].decode()
    return re.sub(r"^https?://[^/]+", "", location)


def measure_in_process(runs: int, only=None) -> list[dict]:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    rows = []
    for name, url in targets():
        if only and name not in only:
            continue

        def fetch(url=url, name=name):
            forget_if_after_a_change(name)
            response = client.get(url)
            if response.streaming:
                size = sum(len(chunk) for chunk in response.streaming_content)
            else:
                size = len(response.content)
            return response.status_code, size

        for _ in range(3):  # warm-up: renditions, template loaders, connection
            fetch()
        with CaptureQueriesContext(connection) as queries:
            status, size = fetch()
        query_count = len(queries)  # now: the next request clears Django's query log
        walls, cpus = [], []
        for _ in range(runs):
            wall, cpu, database = time.perf_counter(), time.process_time(), database_cpu_ns()
            fetch()
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000 + (database_cpu_ns() - database) / 1e6)
        rows.append(
            {
                "name": name,
                "url": url,
                "status": status,
                "bytes": size,
                "queries": query_count,
                "median": statistics.median(walls),
                "p95": percentile(walls, 0.95),
                "cpu": statistics.median(cpus),
            }
        )
        print(
            f"  {name:22} {status} {query_count:3} queries {rows[-1]['median']:7.1f} ms",
            file=sys.stderr,
            flush=True,
        )
    return rows


def in_process(url: str, size: int, runs: int, only=None) -> list[dict]:
    environment = site_environment(url, size, page_cache=False)
    result = subprocess.run(
        [PYTHON, __file__, "--measure", str(runs), *(["--only", *only] if only else [])],
        cwd=ROOT,
        env=environment,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(result.stdout)


# Over HTTP: gunicorn + wrk -----------------------------------------------------------------


def wait_for_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not start on port {port}")


def wrk(url: str, duration: int, connections: int) -> dict:
    output = subprocess.run(
        ["wrk", "--latency", "-t", "2", "-c", str(connections), "-d", f"{duration}s", url],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout

    def latency(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if not match:
            return float("nan")
        value, unit = float(match[1]), match[2]
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(rate[1]) if rate else 0.0,
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": int(errors[1]) if errors else 0,
    }


def over_http(url: str, size: int, rows: list[dict], args) -> None:
    for label, cached in (("cold", False), ("warm", True)):
        environment = site_environment(url, size, page_cache=cached)
        server = subprocess.Popen(
            [
                PYTHON, "-m", "gunicorn", "hub.wsgi", "--workers", "2",
                "--bind", f"127.0.0.1:{args.port}", "--log-level", "warning",
            ],
            cwd=ROOT,
            env=environment,
            start_new_session=True,
        )  # fmt: skip
        try:
            wait_for_port(args.port)
            for row in rows:
                if row["name"] in AFTER_A_CHANGE:
                    continue  # a server keeps what it keeps: measured in process only
                address = f"http://127.0.0.1:{args.port}{row['url']}"
                if cached:
                    for _ in range(4):  # prime both workers' caches
                        subprocess.run(["curl", "-s", "-o", "/dev/null", address], check=False)
                row[label] = wrk(address, args.duration, args.connections)
                print(f"  {label:4} {row['name']:22} {row[label]['rps']:8.0f} req/s", flush=True)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


# Report ----------------------------------------------------------------------------------


def table(size: int, vendor: str, rows: list[dict]) -> str:
    lines = [
        f"### {size:,} pages ({vendor})",
        "",
        "| page | queries | median ms | p95 ms | CPU ms | reference (bakerydemo) | ratio "
        "| cold req/s | cold p50/p99 ms | warm req/s | warm p50/p99 ms |",
        "|---|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        reference = REFERENCE.get(row["name"])
        if reference:
            label, milliseconds, queries = reference
            compared = f"{label}: {milliseconds} ms, {queries} q"
            ratio = f"{row['cpu'] / milliseconds:.2f}"
        else:
            compared, ratio = "", ""
        cells = [
            f"{row['name']}" + ("" if row["status"] == 200 else f" ({row['status']})"),
            str(row["queries"]),
            f"{row['median']:.1f}",
            f"{row['p95']:.1f}",
            f"{row['cpu']:.1f}",
            compared,
            ratio,
        ]
        for label in ("cold", "warm"):
            load = row.get(label)
            if load:
                errors = f" ({load['errors']} errors)" if load["errors"] else ""
                cells += [f"{load['rps']:.0f}{errors}", f"{load['p50']:.1f} / {load['p99']:.1f}"]
            else:
                cells += ["", ""]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None):
    args = parse_args(argv)
    if args.measure:
        json.dump(measure_in_process(int(args.measure), args.only), sys.stdout)
        return
    if not args.no_server and not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk); or pass --no-server.")
    sections = [
        "## Bench results",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}; load average before the run "
        f"{os.getloadavg()[0]:.1f}. Times in ms; ratio = CPU time / reference median "
        "(target at most 0.33): on a quiet machine an in-process render's wall-clock time "
        "is its CPU time, which other programs on a busy machine do not inflate.",
    ]
    for size in args.sizes:
        url = database_url(args.database_url, size)
        prepare(url, size)
        collect_static(site_environment(url, size, page_cache=False))
        print(f"[{size}] in-process, {args.runs} requests per URL", flush=True)
        rows = in_process(url, size, args.runs, args.only)
        if not args.no_server:
            print(f"[{size}] gunicorn + wrk, {args.duration} s per URL", flush=True)
            over_http(url, size, rows, args)
        vendor = "PostgreSQL" if url.startswith("postgres") else "SQLite"
        sections += ["", table(size, vendor, rows)]
    sections += ["", f"Load average after the run: {os.getloadavg()[0]:.1f}."]
    report = "\n".join(sections) + "\n"
    write_report(args.output, report)


if __name__ == "__main__":
    main()
