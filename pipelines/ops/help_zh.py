"""Typer's own words ("Usage:", "Show this message and exit.", "Error:") in Chinese.

Typer ships its own copy of Click whose help page and usage errors are English literals, with
no message catalogue to plug into. The help page and those errors all leave through the
`echo` of two of its modules, so a translating `echo` there makes `--help` and usage errors
read in one language. Text that matches no pattern passes through unchanged.
"""

import re

import typer.core
from typer._click import decorators, exceptions

# (English pattern, Chinese replacement); applied in order to the whole text.
PATTERNS = (
    (r"^Usage: ", "用法："),
    (r"\nUsage: ", "\n用法："),
    (r"Show this message and exit\.", "显示本帮助并退出。"),
    (r"Try '([^']+)' for help\.", r"运行 '\1' 查看帮助。"),
    (r"Error: No such option: (\S+)(?: \(Possible options: ([^)]+)\))?", r"错误：没有选项 \1。"),
    (r"Error: Missing option '([^']+)'\.", r"错误：缺少必填选项 '\1'。"),
    (r"Error: Missing argument '([^']+)'\.", r"错误：缺少参数 '\1'。"),
    (r"Error: No such command '([^']+)'\.", r"错误：没有 '\1' 这个命令。"),
    (r"Error: Missing command\.", "错误：缺少命令。"),
    (r"Error: Option '([^']+)' requires an argument\.", r"错误：选项 '\1' 后面需要一个值。"),
    (r"Error: Invalid value for '([^']+)': ", r"错误：选项 '\1' 的取值无效："),
    (
        r"Error: Got unexpected extra arguments?(?:\(s\))? \(([^)]*)\)",
        r"错误：多出了参数 \1。如果它属于前一个选项的值（例如含空格的工作表名），"
        "请把整个值用引号括起来。",
    ),
    (r" Did you mean ([^?]+)\?", r"是不是想输入 \1？"),
    # Typer checks values with pydantic, whose messages begin "Input should be"
    (r"Input should be a valid integer(?:, [^\n]*)?", "应为整数。"),
    (r"Input should be a valid number(?:, [^\n]*)?", "应为数字。"),
    (r"Input should be a valid boolean(?:, [^\n]*)?", "应为 true 或 false。"),
    (r"Input should be ('[^'\n]*'(?:, '[^'\n]*')*) or ('[^'\n]*')", r"只能是 \1 或 \2。"),
    (r"Error: ", "错误："),
    (r"\[default: ", "[默认："),
    (r"\[required\]", "[必填]"),
)


def translate(text: str) -> str:
    """
    >>> translate("Usage: quxiang run [OPTIONS]\\nTry 'quxiang run --help' for help.")
    "用法：quxiang run [OPTIONS]\\n运行 'quxiang run --help' 查看帮助。"
    >>> translate("Error: No such option: --bogus (Possible options: --out, --verbose)")
    '错误：没有选项 --bogus。'
    >>> translate("文件 a.csv：文件不存在。")
    '文件 a.csv：文件不存在。'
    """
    for pattern, replacement in PATTERNS:
        text = re.sub(pattern, replacement, text)
    return text


def install() -> None:
    """Route the help page and usage errors through `translate`; safe to call twice."""
    for module in (decorators, exceptions):
        original = getattr(module.echo, "__wrapped__", module.echo)
        module.echo = _translating(original)
    # Section titles come from Typer's gettext calls.
    typer.core._ = lambda message: {"Options": "选项", "Arguments": "参数", "Commands": "命令"}.get(
        message, message
    )


def _translating(echo):
    def translated_echo(message=None, *args, **kwargs):
        if isinstance(message, str):
            message = translate(message)
        return echo(message, *args, **kwargs)

    translated_echo.__wrapped__ = echo
    return translated_echo
