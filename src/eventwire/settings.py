"""Every setting in one place: defaults from the shipped ``settings.toml``, then ``EVENTWIRE_<NAME>``, then flags.

``load_settings(**flags)`` builds the one ``Settings`` object the commands and the server read.
Each value is checked against its field's type (and range) with a one-line error naming the
setting, the bad value and where it came from; ``Settings.origin(name)`` tells which of the
three layers gave it. The help text of a setting is the comment above it in ``settings.toml``.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from types import NoneType, UnionType
from typing import Any, get_args, get_type_hints

from eventwire.errors import SettingsError

SETTINGS_FILE = Path(__file__).with_name("settings.toml")
ENV_PREFIX = "EVENTWIRE_"
DEFAULT, ENV, FLAG = "default", "env", "flag"  # where a value came from, lowest precedence first
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


@dataclass(frozen=True, slots=True)
class Settings:
    """The effective settings; build with ``load_settings``. Defaults and help: ``settings.toml``."""

    db: Path
    model: str
    coder: str
    annotate: bool
    processes: int = field(metadata={"min": 1})
    batch_size: int = field(metadata={"min": 1})
    allow_unresolved: bool
    article_time_budget: float = field(metadata={"min": 0})
    min_confidence: float = field(metadata={"min": 0.0, "max": 1.0})
    shared: Path | None
    allow_private: bool
    allow_local_links: bool
    fetch_timeout: float = field(metadata={"min": 0.001})
    max_bytes: int = field(metadata={"min": 1})
    partition_size: int = field(metadata={"min": 1})
    workers: int = field(metadata={"min": 0})
    scheduler: str | None
    max_archive_bytes: int = field(metadata={"min": 1})
    host: str
    port: int = field(metadata={"min": 0, "max": 65535})
    token: str | None = field(metadata={"secret": True}, repr=False)
    allow_anonymous_writes: bool
    public_reads: bool
    max_body_mb: float = field(metadata={"min": 0.01})
    ingest_burst: int = field(metadata={"min": 1})
    ingest_per_minute: float = field(metadata={"min": 0.001})
    heavy_requests: int = field(metadata={"min": 1})
    db_memory_mb: int = field(metadata={"min": 64})
    query_timeout: float = field(metadata={"min": 0.01})
    alert_min_events: int = field(metadata={"min": 1})
    alert_baseline_days: int = field(metadata={"min": 0})
    origins: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    def origin(self, name: str) -> str:
        """Where ``name``'s value came from: ``default``, ``env`` or ``flag``."""
        return self.origins.get(name, DEFAULT)


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """One row of the settings table: name, type, default, help, and the variable that overrides it."""

    name: str
    type: type
    optional: bool
    default: Any
    help: str
    section: str
    minimum: float | None = None
    maximum: float | None = None
    secret: bool = False

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.name.upper()


def _file_entries(text: str) -> list[tuple[str, str, str]]:
    """``(section, name, help)`` for each setting in the file, the help being the comment lines above it."""
    entries, comment, section = [], [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            comment.append(stripped.lstrip("#").strip())
        elif header := re.fullmatch(r"\[([\w.]+)\]", stripped):
            section, comment = header.group(1), []
        elif key := re.match(r"([A-Za-z_]\w*)\s*=", stripped):
            entries.append((section, key.group(1), " ".join(comment)))
            comment = []
        else:
            comment = []
    return entries


def _field_type(hint: Any) -> tuple[type, bool]:
    if isinstance(hint, UnionType):
        args = [a for a in get_args(hint) if a is not NoneType]
        return args[0], True
    return hint, False


@cache
def setting_specs(path: Path = SETTINGS_FILE) -> dict[str, SettingSpec]:
    """The settings table, in file order; the file must define exactly the fields of ``Settings``."""
    text = path.read_text(encoding="utf-8")
    try:
        tables = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: {exc}") from None
    values = {name: value for table in tables.values() for name, value in table.items()}
    hints = get_type_hints(Settings)
    known = {f.name: f for f in fields(Settings) if f.name != "origins"}
    entries = _file_entries(text)
    names = [name for _, name, _ in entries]
    if sorted(names) != sorted(known) or len(values) != len(names):
        missing, unknown = sorted(set(known) - set(names)), sorted(set(names) - set(known))
        raise SettingsError(f"{path}: settings missing {missing}, unknown {unknown}, or defined twice")
    specs = {}
    for section, name, help_text in entries:
        kind, optional = _field_type(hints[name])
        meta = known[name].metadata
        spec = SettingSpec(
            name, kind, optional, None, help_text, section, meta.get("min"), meta.get("max"), meta.get("secret", False)
        )
        specs[name] = _with_default(spec, _convert(spec, values[name], path.name))
    return specs


def _with_default(spec: SettingSpec, default: Any) -> SettingSpec:
    return SettingSpec(**{f.name: getattr(spec, f.name) for f in fields(SettingSpec)} | {"default": default})


_EXPECTED = {
    bool: "true or false (1/0, yes/no, on/off)",
    int: "an integer",
    float: "a number",
    str: "text",
    Path: "a path",
}


def _convert(spec: SettingSpec, value: Any, where: str) -> Any:
    """``value`` (text from the environment, or a typed flag/file value) as the setting's type, or a SettingsError."""

    def bad(reason: str) -> SettingsError:
        shown = "<hidden>" if spec.secret else repr(value)
        return SettingsError(f"setting {spec.name}: {shown} from {where}: expected {reason}")

    if value is None or value == "":
        if spec.optional:
            return None
        if spec.type in (str, Path) and value == "":
            raise bad("a value, not an empty one")
        raise bad(_EXPECTED[spec.type])
    if isinstance(value, str) and spec.type not in (str, Path):
        value = value.strip()
        try:
            if spec.type is bool:
                if value.lower() not in _TRUE | _FALSE:
                    raise ValueError(value)
                converted: Any = value.lower() in _TRUE
            else:
                converted = spec.type(value)
        except ValueError:
            raise bad(_EXPECTED[spec.type]) from None
    elif spec.type is bool:
        if not isinstance(value, bool):
            raise bad(_EXPECTED[bool])
        converted = value
    elif spec.type in (int, float):
        if isinstance(value, bool) or not isinstance(value, int | float) or (spec.type is int and value != int(value)):
            raise bad(_EXPECTED[spec.type])
        converted = spec.type(value)
    elif spec.type is Path:
        if not isinstance(value, str | os.PathLike):
            raise bad(_EXPECTED[Path])
        converted = Path(value)
    else:
        if not isinstance(value, str):
            raise bad(_EXPECTED[spec.type])
        converted = value
    if spec.minimum is not None and converted < spec.minimum:
        raise bad(f"at least {spec.minimum:g}")
    if spec.maximum is not None and converted > spec.maximum:
        raise bad(f"at most {spec.maximum:g}")
    return converted


def _resolve(spec: SettingSpec, flag: Any = None) -> tuple[Any, str]:
    if flag is not None:
        return _convert(spec, flag, "the command line"), FLAG
    text = os.environ.get(spec.env, "")
    if text != "":
        return _convert(spec, text, spec.env), ENV
    return spec.default, DEFAULT


def load_settings(**overrides: Any) -> Settings:
    """The effective settings: shipped defaults, then ``EVENTWIRE_<NAME>`` variables, then ``overrides``.

    Args:
        overrides: flags the user gave, by setting name; ``None`` means the flag was not given.
    Returns:
        A frozen ``Settings`` whose ``origin(name)`` is ``default``, ``env`` or ``flag``.
    Raises:
        SettingsError: a value of the wrong type or out of range (one line naming setting and value).
    """
    specs = setting_specs()
    unknown = set(overrides) - set(specs)
    if unknown:
        raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")
    values, origins = {}, {}
    for name, spec in specs.items():
        values[name], origins[name] = _resolve(spec, overrides.get(name))
    return Settings(**values, origins=origins)


def default_settings() -> Settings:
    """The shipped defaults alone, ignoring the environment."""
    return Settings(**{name: spec.default for name, spec in setting_specs().items()})


def get_setting(name: str) -> Any:
    """One setting from its variable or default, checking only that one (for library code far from the CLI)."""
    return _resolve(setting_specs()[name])[0]


def option_help(name: str) -> str:
    """A flag's help: the setting's help text, the variable that also sets it, and the shipped default."""
    spec = setting_specs()[name]
    return f"{spec.help} (setting {name}; env {spec.env}; default {format_value(spec.default)})"


def format_value(value: Any) -> str:
    """A setting's value as written in ``settings.toml`` and in the environment (``true``, ``15.0``, empty for none)."""
    if value is None:
        return '""'
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)
