"""A small declarative validator for the demo data files.

Every error names the file, the record and the field, in words an editor of the YAML
understands: ``tools/census-survey.yaml: record 'census-survey': translations.fr.how_to[2].title:
this text is empty``. List items are numbered from 1, like lines in an editor.
"""

import re
from pathlib import Path
from typing import Any

import yaml


class DataError(Exception):
    """A data file is wrong: says which file, which record and which field."""

    def __init__(self, message: str, *, file: str = "", record: str = "", field: str = ""):
        super().__init__(message)
        self.message = message
        self.file = file
        self.record = record
        self.field = field

    def __str__(self) -> str:
        parts = [part for part in (self.file, self.record and f"record {self.record!r}") if part]
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


class Invalid(Exception):
    """Raised by a spec: the field path (inside the record) and what is wrong."""

    def __init__(self, path: str, message: str):
        super().__init__(message)
        self.path = path
        self.message = message


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key + 1}]"
    return f"{path}.{key}" if path else key


def _kind(value: Any) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "a text",
        list: "a list",
        dict: "a mapping",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)


class Spec:
    required = True

    def check(self, value: Any, path: str) -> Any:
        raise NotImplementedError


class Text(Spec):
    def __init__(self, *, max_length: int | None = None, min_length: int = 1):
        self.max_length = max_length
        self.min_length = min_length

    def check(self, value, path):
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise Invalid(path, f"expected a text, found {_kind(value)}")
        value = value.strip()
        if len(value) < self.min_length:
            raise Invalid(path, "this text is empty" if not value else "this text is too short")
        if self.max_length and len(value) > self.max_length:
            raise Invalid(
                path, f"this text is {len(value)} characters long (at most {self.max_length})"
            )
        return value


class Pattern(Text):
    def __init__(self, regex: str, description: str, *, max_length: int | None = None):
        super().__init__(max_length=max_length)
        self.regex = re.compile(regex)
        self.description = description

    def check(self, value, path):
        value = super().check(value, path)
        if not self.regex.fullmatch(value):
            raise Invalid(path, f"{value!r} is not {self.description}")
        return value


SLUG = Pattern(
    r"[a-z0-9]+(?:-[a-z0-9]+)*", "a slug (lowercase letters, digits, hyphens)", max_length=80
)
COUNTRY_CODE = Pattern(r"[A-Z]{2}", "a two-letter ISO country code in capitals")
EMAIL = Pattern(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", "an e-mail address", max_length=254)
URL = Pattern(
    r"https?://[^\s/$.?#][^\s]*", "a web address starting with http:// or https://", max_length=200
)


class Integer(Spec):
    def __init__(self, *, min_value: int | None = None, max_value: int | None = None):
        self.min_value = min_value
        self.max_value = max_value

    def check(self, value, path):
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                raise Invalid(path, f"expected a whole number, found {_kind(value)} {value!r}")
        if self.min_value is not None and value < self.min_value:
            raise Invalid(path, f"{value} is below the minimum {self.min_value}")
        if self.max_value is not None and value > self.max_value:
            raise Invalid(path, f"{value} is above the maximum {self.max_value}")
        return value


class Number(Integer):
    def check(self, value, path):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise Invalid(path, f"expected a number, found {_kind(value)} {value!r}")
        if self.min_value is not None and value < self.min_value:
            raise Invalid(path, f"{value} is below the minimum {self.min_value}")
        if self.max_value is not None and value > self.max_value:
            raise Invalid(path, f"{value} is above the maximum {self.max_value}")
        return value


class Boolean(Spec):
    def check(self, value, path):
        if not isinstance(value, bool):
            raise Invalid(path, f"expected true or false, found {_kind(value)} {value!r}")
        return value


class Choice(Spec):
    def __init__(self, choices):
        self.choices = list(choices)

    def check(self, value, path):
        if value not in self.choices:
            raise Invalid(path, f"{value!r} is not one of: {', '.join(map(str, self.choices))}")
        return value


class ListOf(Spec):
    def __init__(self, item: Spec, *, min_items: int = 0, max_items: int | None = None):
        self.item = item
        self.min_items = min_items
        self.max_items = max_items

    def check(self, value, path):
        if value is None:
            value = []
        if not isinstance(value, list):
            raise Invalid(path, f"expected a list, found {_kind(value)}")
        if len(value) < self.min_items:
            raise Invalid(path, f"expected at least {self.min_items} item(s), found {len(value)}")
        if self.max_items is not None and len(value) > self.max_items:
            raise Invalid(path, f"expected at most {self.max_items} item(s), found {len(value)}")
        return [self.item.check(item, join(path, index)) for index, item in enumerate(value)]


class Optional(Spec):
    """A field that may be missing or null; ``default`` replaces it then."""

    required = False

    def __init__(self, spec: Spec, default: Any = None):
        self.spec = spec
        self.default = default

    def check(self, value, path):
        if value is None or value == "":
            return self.default() if callable(self.default) else self.default
        return self.spec.check(value, path)


class Record(Spec):
    """A mapping with known keys: a missing required key or an unknown key is an error."""

    def __init__(self, fields: dict[str, Spec]):
        self.fields = fields

    def check(self, value, path):
        if not isinstance(value, dict):
            raise Invalid(path, f"expected a mapping (key: value), found {_kind(value)}")
        unknown = sorted(str(key) for key in value if key not in self.fields)
        if unknown:
            raise Invalid(
                join(path, unknown[0]),
                f"unknown field (expected one of: {', '.join(self.fields)})",
            )
        result = {}
        for name, spec in self.fields.items():
            field_path = join(path, name)
            if name not in value or value[name] is None:
                if spec.required:
                    raise Invalid(field_path, "this field is missing")
                result[name] = spec.check(None, field_path)
                continue
            result[name] = spec.check(value[name], field_path)
        return result


class Mapping(Spec):
    """A mapping from known keys (languages, for example) to values of one spec."""

    def __init__(self, keys, value: Spec, *, required_keys=()):
        self.keys = list(keys)
        self.value = value
        self.required_keys = list(required_keys)

    def check(self, value, path):
        if not isinstance(value, dict):
            raise Invalid(path, f"expected a mapping (key: value), found {_kind(value)}")
        for key in value:
            if key not in self.keys:
                raise Invalid(
                    join(path, str(key)), f"unknown key (expected one of: {', '.join(self.keys)})"
                )
        for key in self.required_keys:
            if key not in value:
                raise Invalid(join(path, key), "this entry is missing")
        return {
            key: self.value.check(value[key], join(path, key)) for key in self.keys if key in value
        }


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a key written twice in one mapping (a typical slip)."""


def _construct_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                f"the key {key!r} appears twice",
                key_node.start_mark,
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path, *, label: str) -> Any:
    """Parse one YAML file; a syntax error becomes a DataError with its line and column."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise DataError(
            f"not UTF-8 text ({error.reason} at byte {error.start})", file=label
        ) from None
    except OSError as error:
        raise DataError(f"cannot be read ({error.strerror})", file=label) from None
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise DataError(f"{where}invalid YAML ({problem})", file=label) from None
