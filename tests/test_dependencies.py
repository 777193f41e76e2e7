"""The installed Wagtail, Django and wagtail-localize are at least the security releases
the lock file names (requirements/lock.txt is updated when one is announced)."""

import re
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.version import Version

LOCK = Path(__file__).resolve().parent.parent / "requirements" / "lock.txt"
GUARDED = ["django", "wagtail", "wagtail-localize"]


def locked_versions(text: str) -> dict[str, Version]:
    """``name==version`` pins of a pip-compile lock file, names normalised."""
    pins = {}
    for line in text.splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;#\\]+)", line.strip())
        if match:
            pins[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = Version(match.group(2))
    return pins


def outdated(installed: dict[str, str], locked: dict[str, Version]) -> list[str]:
    return [
        f"{name} {installed[name]} is older than {locked[name]} named in requirements/lock.txt"
        for name in GUARDED
        if Version(installed[name]) < locked[name]
    ]


def test_the_lock_names_each_guarded_package():
    locked = locked_versions(LOCK.read_text())
    assert set(GUARDED) <= set(locked)


def test_installed_packages_are_not_older_than_the_lock():
    locked = locked_versions(LOCK.read_text())
    installed = {name: version(name) for name in GUARDED}
    assert outdated(installed, locked) == []


@pytest.mark.parametrize(
    ("installed", "problem"),
    [
        ({"django": "6.1.2", "wagtail": "8.0.1", "wagtail-localize": "1.14.5"}, "django 6.1.2"),
        ({"django": "6.1.3", "wagtail": "8.0", "wagtail-localize": "1.14.5"}, "wagtail 8.0"),
        ({"django": "6.1.3", "wagtail": "8.0.1", "wagtail-localize": "1.13"}, "wagtail-localize"),
    ],
)
def test_an_older_version_is_reported(installed, problem):
    locked = locked_versions("Django==6.1.3\nwagtail==8.0.1\nwagtail_localize==1.14.5 \\\n")
    [message] = outdated(installed, locked)
    assert message.startswith(problem)


def test_newer_versions_are_fine():
    locked = locked_versions("django==6.1.3\nwagtail==8.0.1\nwagtail-localize==1.14.5\n")
    installed = {"django": "6.1.10", "wagtail": "8.1", "wagtail-localize": "1.14.5"}
    assert outdated(installed, locked) == []
