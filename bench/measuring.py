"""What the bench scripts share: percentiles, the database's CPU time, a PostgreSQL database."""

from pathlib import Path


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def database_cpu_ns() -> int:
    """CPU time used so far by the PostgreSQL backend serving this connection (0 for SQLite,
    whose work is already in this process's CPU time)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0
    pid = getattr(database_cpu_ns, "pid", None)
    if pid is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = database_cpu_ns.pid = cursor.fetchone()[0]
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0  # the server is on another machine: CPU time is this process's only


def ensure_postgres_database(url: str) -> None:
    import psycopg
    from dj_database_url import parse

    config = parse(url)
    admin = psycopg.connect(
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"] or "postgres",
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    with admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{config["NAME"]}"')


def write_report(path: Path, report: str) -> None:
    """Print the Markdown ``report`` and write it to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report)
    print("\n" + report)
    print(f"Written to {path}")
