"""Where the project's own files live, relative to the installed package."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = REPO_ROOT / "sql"
REFERENCE_DIR = REPO_ROOT / "reference_data"
EXPECTATIONS_DIR = REPO_ROOT / "expectations"
REPORTS_DIR = REPO_ROOT / "reports"

DEFAULT_DB = Path("data") / "quxiang.duckdb"
DEFAULT_OUT_ROOT = Path("out")
