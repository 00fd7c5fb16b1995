"""The settings file (quxiang.toml): paths, thresholds, formula version, schedule, partitions.

Code receives these values as arguments; only the CLI and the scheduled entry point read the
file. Every key has a default here equal to the bundled file, so a missing file or section
means "the defaults"; a key of the wrong kind stops the run with a sentence naming it.

>>> settings = parse_settings({"thresholds": {"small_cell": 10}}, "x.toml")
>>> settings.thresholds.small_cell, settings.run.formula_version
(10, '2024')
"""

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from pipelines.errors import ConfigError
from pipelines.paths import REPO_ROOT

DEFAULT_CONFIG = REPO_ROOT / "quxiang.toml"


@dataclass(frozen=True)
class PathSettings:
    db: str = "data/quxiang.duckdb"
    out_root: str = "out"


@dataclass(frozen=True)
class RunSettings:
    formula_version: str = "2024"
    school_province: str = "31"


@dataclass(frozen=True)
class Thresholds:
    yellow_card_below: float = 0.5
    red_card_below: float = 0.5
    red_card_years: int = 2
    small_cell: int = 5


@dataclass(frozen=True)
class ScheduleSettings:
    cron: str = "0 2 * * *"
    timezone: str = "Asia/Shanghai"
    deployment: str = "nightly"
    exports: tuple[str, ...] = ("data/exports/毕业去向登记导出.xlsx",)
    evidence: str = ""
    roster: str = ""


@dataclass(frozen=True)
class ServerSettings:
    host: str = "127.0.0.1"
    port: int = 4200


@dataclass(frozen=True)
class PartitionSettings:
    column: str = "学院"
    workers: int = 2
    scheduler_address: str = ""


@dataclass(frozen=True)
class Settings:
    paths: PathSettings = field(default_factory=PathSettings)
    run: RunSettings = field(default_factory=RunSettings)
    thresholds: Thresholds = field(default_factory=Thresholds)
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    server: ServerSettings = field(default_factory=ServerSettings)
    partitions: PartitionSettings = field(default_factory=PartitionSettings)


def load_settings(path: Path | None = None) -> Settings:
    """Read `path` (default: quxiang.toml in the project folder; absent means the defaults)."""
    if path is None:
        if not DEFAULT_CONFIG.is_file():
            return Settings()
        path = DEFAULT_CONFIG
    if not Path(path).is_file():
        raise ConfigError(path, "配置文件不存在", "请检查 --config 的路径")
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(
            path, f"不是有效的 TOML 文件（{exc}）", "请对照项目自带的 quxiang.toml 修改"
        ) from exc
    return parse_settings(data, path)


def parse_settings(data: dict, path: Path | str) -> Settings:
    """Overlay the file's sections on the defaults, checking each value's kind."""
    settings = Settings()
    for section, value in data.items():
        current = getattr(settings, section, None)
        if current is None or not isinstance(value, dict):
            raise ConfigError(path, f"不认识的配置节 [{section}]", _remedy(settings))
        settings = replace(settings, **{section: _overlay(current, section, value, path)})
    return settings


def _overlay(current, section: str, values: dict, path: Path | str):
    known = {f.name: getattr(current, f.name) for f in fields(current)}
    updates = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(
                path, f"配置节 [{section}] 中没有 {key} 这一项", f"可用的项：{'、'.join(known)}"
            )
        updates[key] = _coerce(known[key], value, f"[{section}] {key}", path)
    return replace(current, **updates)


def _coerce(default, value, name: str, path: Path | str):
    """Accept the default's kind (an int where a float is expected; a list for a tuple)."""
    if isinstance(default, tuple) and isinstance(value, list):
        if all(isinstance(item, str) for item in value):
            return tuple(value)
    elif isinstance(default, float) and isinstance(value, int | float) and value is not True:
        return float(value)
    elif type(value) is type(default):
        return value
    kinds = {str: "文字（加引号）", int: "整数", float: "数字", tuple: "文字列表"}
    raise ConfigError(
        path, f"{name} 的值 {value!r} 类型不对", f"应为{kinds[type(default)]}，请修改后重试"
    )


def _remedy(settings: Settings) -> str:
    return f"可用的配置节：{'、'.join(f.name for f in fields(settings))}"
