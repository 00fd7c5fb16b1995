# Chores for quxiang. `make sample` and `make test` are the README's two commands.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := data/sample

.PHONY: setup sample test lint bench bench-partitioned clean check-reports \
	server-start server-stop serve check-server

setup: $(VENV)/.installed

# uv installs the pinned set in seconds; pip alone takes minutes for Prefect and GE.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==0.13.8
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

sample: setup
	$(BIN)/quxiang sample --out $(SAMPLE)
	$(BIN)/quxiang run \
		--exports $(SAMPLE)/毕业去向登记导出.xlsx $(SAMPLE)/毕业去向登记导出_外语学院.csv \
		--evidence $(SAMPLE)/佐证材料清单.csv --roster $(SAMPLE)/毕业生名单.csv

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .

# Operations (README, "Operations"): the Prefect server on 127.0.0.1, the scheduled deployment,
# the self-check that boots both and runs the deployment once, and the benchmarks.
server-start: setup
	$(BIN)/quxiang server start

server-stop: setup
	$(BIN)/quxiang server stop

serve: setup
	$(BIN)/quxiang serve

check-server: setup
	$(BIN)/quxiang server check

ROWS ?= 100000
bench: setup
	$(BIN)/quxiang bench --rows $(ROWS)

bench-partitioned: setup
	$(BIN)/quxiang bench --rows $(ROWS) --partitions 学院

# Opens the reports as their readers do: LibreOffice converts the workbooks, headless Chromium
# screenshots report.html offline. Needs Debian's libreoffice-calc-nogui, chromium,
# fonts-noto-cjk and poppler-utils; never part of `make test`.
check-reports: setup
	QUXIANG_RENDER_CHECK=1 $(BIN)/python -m pytest tests/test_reports_outputs.py
	$(BIN)/python tests/render_check.py $(RUN)

clean:
	rm -rf $(VENV) out data .prefect
