"""The settings file: defaults, overrides from a file, and the sentence for a wrong value."""

import pytest

from pipelines.config import DEFAULT_CONFIG, Settings, load_settings
from pipelines.errors import ConfigError
from pipelines.ops.serve import deployment_parameters


def test_bundled_file_equals_the_defaults():
    assert load_settings(DEFAULT_CONFIG) == Settings()
    assert Settings().schedule.cron == "0 2 * * *"
    assert Settings().schedule.timezone == "Asia/Shanghai"
    assert Settings().thresholds.small_cell == 5


def test_a_file_overrides_only_what_it_names(tmp_path):
    path = tmp_path / "office.toml"
    path.write_text(
        '[thresholds]\nsmall_cell = 10\nyellow_card_below = 1\n[schedule]\nexports = ["a.xlsx"]\n',
        encoding="utf-8",
    )

    settings = load_settings(path)

    assert settings.thresholds.small_cell == 10
    assert settings.thresholds.yellow_card_below == 1.0
    assert settings.schedule.exports == ("a.xlsx",)
    assert settings.run.formula_version == "2024"


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (
            '[thresholds]\nsmall_cell = "五"\n',
            "[thresholds] small_cell 的值 '五' 类型不对。应为整数，请修改后重试",
        ),
        (
            '[paths]\noutput = "x"\n',
            "配置节 [paths] 中没有 output 这一项。可用的项：db、out_root",
        ),
        (
            "[stats]\nsmall_cell = 5\n",
            "不认识的配置节 [stats]。可用的配置节：paths、run、thresholds、schedule、server、"
            "partitions",
        ),
    ],
)
def test_a_wrong_value_is_one_sentence_naming_the_key(tmp_path, text, sentence):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(ConfigError) as raised:
        load_settings(path)

    assert raised.value.sentence() == f"文件 {path}：{sentence}"


def test_missing_config_file_names_the_option(tmp_path):
    with pytest.raises(ConfigError) as raised:
        load_settings(tmp_path / "none.toml")

    assert (
        raised.value.sentence()
        == f"文件 {tmp_path / 'none.toml'}：配置文件不存在。请检查 --config 的路径"
    )


def test_deployment_parameters_are_plain_absolute_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "office.toml"
    path.write_text(
        '[paths]\ndb = "w.duckdb"\n[schedule]\nexports = ["in/a.xlsx", "in/b.csv"]\n'
        'roster = "in/名单.csv"\n',
        encoding="utf-8",
    )

    parameters = deployment_parameters(load_settings(path), path)

    assert parameters == {
        "exports": [str(tmp_path / "in/a.xlsx"), str(tmp_path / "in/b.csv")],
        "evidence": "",
        "roster": str(tmp_path / "in/名单.csv"),
        "out_root": str(tmp_path / "out"),
        "db": str(tmp_path / "w.duckdb"),
        "run_date": "",
        "config": str(path),
        "partition_by": "",
        "workers": 2,
        "scheduler_address": "",
    }
    partitioned = deployment_parameters(load_settings(path), path, partitioned=True)
    assert (partitioned["partition_by"], partitioned["workers"]) == ("学院", 2)
