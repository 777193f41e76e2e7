"""Helpers shared by the demo-content tests: copies of the data directory to break or trim."""

import shutil
from pathlib import Path

import yaml

from hub.demo.data import DEFAULT_DATA_DIR


def copy_data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "demo"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    return target


def read(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def small_data_dir(tmp_path: Path, *, case_studies=3, tools=2, guides=1, countries=1) -> Path:
    """A copy of the demo data with a few records of each kind, references kept consistent.

    Keeps at least one case study translated into all six languages, so that a small
    load still exercises the translation path.
    """
    directory = copy_data_dir(tmp_path)
    studies = sorted((directory / "case_studies").glob("*.yaml"))
    translated = [path for path in studies if len(read(path)["translations"]) == 6]
    keep = translated[:1] + [path for path in studies if path not in translated[:1]]
    keep = keep[:case_studies]
    for path in studies:
        if path not in keep:
            path.unlink()
    tool_paths = sorted((directory / "tools").glob("*.yaml"))
    for path in tool_paths[tools:]:
        path.unlink()
    for path in sorted((directory / "guides").glob("*.yaml"))[guides:]:
        path.unlink()
    for path in sorted((directory / "countries").glob("*.yaml"))[countries:]:
        path.unlink()

    case_slugs = {read(path)["slug"] for path in keep}
    tool_slugs = {read(path)["slug"] for path in tool_paths[:tools]}
    for path in keep:
        record = read(path)
        record["relations"] = [r for r in record["relations"] if r["target"] in case_slugs]
        record["tools"] = [slug for slug in record["tools"] if slug in tool_slugs]
        write(path, record)
    for path in (directory / "guides").glob("*.yaml"):
        record = read(path)
        record["related_case_studies"] = [
            slug for slug in record["related_case_studies"] if slug in case_slugs
        ]
        write(path, record)
    page_slugs = {
        "case_study": case_slugs,
        "tool": tool_slugs,
        "guide": {read(path)["slug"] for path in (directory / "guides").glob("*.yaml")},
        "country": {read(path)["slug"] for path in (directory / "countries").glob("*.yaml")},
    }
    promotions = read(directory / "promotions.yaml")
    promotions["promotions"] = [
        item
        for item in promotions["promotions"]
        if item["page"]["slug"] in page_slugs[item["page"]["kind"]]
    ]
    write(directory / "promotions.yaml", promotions)
    return directory
