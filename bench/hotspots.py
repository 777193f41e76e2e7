"""Where one page's time goes: cProfile and the SQL of a request, on a bench database.

    .venv/bin/python bench/hotspots.py /en/case-studies/            # 1,000 pages, SQLite
    .venv/bin/python bench/hotspots.py --size 10000 --sql /en/case-studies/
    .venv/bin/python bench/hotspots.py --database-url 'postgres://...' /en/search/?q=workshop

The database is the one ``make bench`` filled for that size (run it first). The page is
served as the bench serves it (production settings, page cache off) after three warm-up
requests; then ``--runs`` requests are profiled together and the functions with the most
cumulative and own time are printed. ``--sql`` prints each query of one request with its
time instead.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

from run import database_url, site_environment  # bench/


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="a path of the site, with its query string")
    parser.add_argument("--size", type=int, default=1_000)
    parser.add_argument("--database-url", default="", help="with {size}, as for bench/run.py")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--limit", type=int, default=35, help="lines of each listing")
    parser.add_argument("--sql", action="store_true", help="print the queries of one request")
    args = parser.parse_args(argv)

    os.environ.update(
        site_environment(database_url(args.database_url, args.size), args.size, page_cache=False)
    )
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")

    def fetch():
        response = client.get(args.url)
        if response.streaming:
            b"".join(response.streaming_content)
        return response

    for _ in range(3):
        response = fetch()
    if response.status_code != 200:
        parser.exit(2, f"{args.url} answered {response.status_code}\n")

    if args.sql:
        with CaptureQueriesContext(connection) as queries:
            fetch()
        for query in queries.captured_queries:
            print(f"{float(query['time']) * 1000:7.2f} ms  {query['sql'][:600]}\n")
        print(f"{len(queries)} queries")
        return

    profiler = cProfile.Profile()
    started = time.process_time()
    profiler.enable()
    for _ in range(args.runs):
        fetch()
    profiler.disable()
    cpu = (time.process_time() - started) * 1000 / args.runs
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(args.limit)
    stats.sort_stats("tottime").print_stats(args.limit)
    print(f"{args.url}: {cpu:.1f} ms CPU per request (under the profiler)")


if __name__ == "__main__":
    main()
