"""CPU instructions per request, counted by valgrind's callgrind: for a noisy machine.

    .venv/bin/python bench/instructions.py                         # 1,000 and 10,000 pages
    .venv/bin/python bench/instructions.py --sizes 1000 --only finder "case study"

On a shared or throttled machine the same page's CPU time can vary by a third from one
run to the next; the instructions it executes do not (0.2 % here). This script serves
each page of ``bench/run.py`` in one Django process run under callgrind, as ``run.py``
serves it in-process (production settings, page cache off, the same databases), and
counts the instructions of ``--runs`` requests after two warm-up requests: only those
requests are counted (callgrind's ``--toggle-collect`` on the C function behind
``operator.call``, which wraps them), one profile per page (``--dump-after``).

It needs valgrind (Debian: ``apt-get install valgrind``) and a Python whose symbols are
not stripped (pyenv's are; the script says so if it counts nothing). Each size takes a
few minutes: a program runs about 50 times slower under callgrind. The table goes to
standard output and to ``--output`` (var/bench/instructions.md), with the 10,000 / 1,000
ratio of each page when both sizes were counted; the callgrind profiles stay in
``var/bench/callgrind/`` for ``callgrind_annotate``.
"""

import argparse
import json
import operator
import shutil
import subprocess
import sys
import time
from pathlib import Path

from measuring import write_report  # bench/
from run import (  # bench/
    BENCH_DIR,
    PAGES,
    PYTHON,
    ROOT,
    check_pages,
    collect_static,
    database_url,
    forget_if_after_a_change,
    prepare,
    site_environment,
    targets,
)

# The C function of ``operator.call``: callgrind counts only while it runs.
TOGGLE = "_operator_call"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument(
        "--database-url", default="", help="as for bench/run.py, with {size} (default: SQLite)"
    )
    parser.add_argument("--runs", type=int, default=3, help="counted requests per page")
    parser.add_argument("--only", nargs="+", metavar="PAGE", help="page names to count")
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "instructions.md")
    parser.add_argument("--serve", help=argparse.SUPPRESS)  # internal: the process counted
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    check_pages(parser, args.only)
    return args


def serve(runs: int, only, manifest: Path) -> None:
    """In the process under callgrind: each page twice to warm up, then ``runs`` times
    inside ``operator.call``. The pages and their status codes go to ``manifest``, in
    the order of callgrind's profiles."""
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")

    def fetch(url, name):
        forget_if_after_a_change(name)
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        return response.status_code

    served = []
    for name, url in targets():
        if only and name not in only:
            continue
        for _ in range(2):
            status = fetch(url, name)

        def counted(url=url, name=name):
            for _ in range(runs):
                fetch(url, name)

        operator.call(counted)
        served.append({"name": name, "url": url, "status": status})
    manifest.write_text(json.dumps(served))


def count(url: str, size: int, runs: int, only) -> list[dict]:
    """Run ``serve`` under callgrind; [{name, url, status, instructions per request}]."""
    folder = BENCH_DIR / "callgrind" / str(size)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    manifest = folder / "pages.json"
    command = [
        "valgrind",
        "--tool=callgrind",
        "--collect-atstart=no",
        f"--toggle-collect={TOGGLE}",
        f"--dump-after={TOGGLE}",
        f"--callgrind-out-file={folder / 'callgrind.out'}",
        PYTHON,
        __file__,
        "--serve",
        str(runs),
        *(["--only", *only] if only else []),
        "--output",
        str(manifest),
    ]
    result = subprocess.run(
        command,
        cwd=ROOT,
        env=site_environment(url, size, page_cache=False),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not manifest.exists():
        sys.exit(f"the counted process failed:\n{result.stderr[-3000:]}")
    pages = json.loads(manifest.read_text())
    # callgrind.out.1, .2, ...: one profile per page, dumped as its operator.call returns.
    profiles = sorted(folder.glob("callgrind.out.*"), key=lambda path: int(path.suffix.lstrip(".")))
    if len(profiles) != len(pages):
        sys.exit(f"expected {len(pages)} callgrind profiles, found {len(profiles)} in {folder}")
    for page, profile in zip(pages, profiles, strict=True):
        totals = [line for line in profile.read_text().splitlines() if line.startswith("totals:")]
        page["instructions"] = int(totals[0].split()[1]) / runs if totals else 0
    if not any(page["instructions"] for page in pages):
        sys.exit(
            f"callgrind counted nothing: this Python's symbols look stripped (no {TOGGLE}); "
            "use a Python built with its symbols, such as pyenv's"
        )
    return pages


def table(results: dict) -> str:
    sizes = sorted(results)
    header = ["page", *(f"{size:,} pages (M instructions)" for size in sizes)]
    if len(sizes) > 1:
        header.append(f"{sizes[-1]:,} / {sizes[0]:,}")
    lines = ["| " + " | ".join(header) + " |", "|---" + "|--:" * (len(header) - 1) + "|"]
    by_size = {size: {row["name"]: row for row in rows} for size, rows in results.items()}
    for name in PAGES:
        rows = [by_size[size].get(name) for size in sizes]
        if not any(rows):
            continue
        cells = [name]
        for row in rows:
            if row is None:
                cells.append("")
            elif row["status"] != 200:
                cells.append(f"HTTP {row['status']}")
            else:
                cells.append(f"{row['instructions'] / 1e6:.1f}")
        if len(sizes) > 1:
            first, last = rows[0], rows[-1]
            ratio = first and last and first["instructions"] and last["instructions"]
            cells.append(f"{last['instructions'] / first['instructions']:.2f}" if ratio else "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None) -> None:
    args = parse_args(argv)
    if args.serve:
        serve(int(args.serve), args.only, args.output)
        return
    if not shutil.which("valgrind"):
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind).")
    results = {}
    for size in args.sizes:
        url = database_url(args.database_url, size)
        prepare(url, size)
        collect_static(site_environment(url, size, page_cache=False))
        print(f"[{size}] counting under callgrind, {args.runs} requests per page", flush=True)
        started = time.perf_counter()
        results[size] = count(url, size, args.runs, args.only)
        print(f"[{size}] counted in {time.perf_counter() - started:.0f} s", flush=True)
    vendor = "PostgreSQL (this process only)" if args.database_url else "SQLite"
    report = "\n".join(
        [
            "## Instructions per request",
            "",
            f"Counted {time.strftime('%Y-%m-%d %H:%M')} by callgrind, Python "
            f"{sys.version.split()[0]}, {vendor}; {args.runs} requests per page after two "
            "warm-up requests, page cache off. Millions of instructions per request.",
            "",
            table(results),
            "",
        ]
    )
    write_report(args.output, report)


if __name__ == "__main__":
    main()
