"""Open the report files the way their readers do, with no network, and check what they show.

LibreOffice (headless) converts every xlsx to PDF, and to ODS to count the charts it loaded;
headless Chromium screenshots report.html at phone and desktop width inside an empty network
namespace, with a NetLog that must show no request from the page and nothing answered.

    .venv/bin/python tests/render_check.py [RUN_FOLDER]

Without RUN_FOLDER the bundled sample is generated and run (no Prefect) into a temporary
folder first. Screenshots and PDFs are written to RUN_FOLDER/render_check/. Needs
`soffice`, `chromium` and (for the PDF text) `pdftotext` from Debian; exits 1 on a failed check.
"""

import datetime as dt
import json
import logging
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger("render_check")

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--no-pings",
    "--disable-breakpad",
    "--hide-scrollbars",
    # any name the browser itself tries to resolve fails instead of reaching a DNS server
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
SCREEN_SIZES = {"phone": (412, 3000), "desktop": (1280, 2400)}
LOCAL_SCHEMES = ("file:", "data:", "about:", "chrome:")
# references the page could fetch: src/href attributes, CSS url() and @import
EXTERNAL_REFERENCE = re.compile(
    r"""(?:src|href)\s*=\s*["']?(?!data:|#)[^"'\s>]+|url\(\s*["']?(?!data:)|@import""", re.I
)
TIMEOUT_SECONDS = 120


@dataclass
class NetworkUse:
    page_requests: list[str] = field(default_factory=list)
    browser_requests: list[tuple[str, int | None]] = field(default_factory=list)
    connected: list[str] = field(default_factory=list)


def tools_available() -> bool:
    return all(shutil.which(tool) for tool in ("soffice", "chromium"))


def xlsx_chart_count(path: Path) -> int:
    """Charts stored in an xlsx (one xl/charts/chartN.xml each)."""
    with zipfile.ZipFile(path) as archive:
        return sum(
            re.fullmatch(r"xl/charts/chart\d+\.xml", n) is not None for n in archive.namelist()
        )


def libreoffice_convert(path: Path, target: str, out_dir: Path, profile: Path) -> Path:
    """Convert with a private LibreOffice profile; returns the converted file."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=TIMEOUT_SECONDS,
    )
    converted = out_dir / f"{path.stem}.{target}"
    if not converted.is_file():
        raise RuntimeError(f"LibreOffice wrote no {target} for {path}")
    return converted


def ods_chart_count(path: Path) -> int:
    """Charts LibreOffice kept when it loaded the workbook (embedded chart objects)."""
    with zipfile.ZipFile(path) as archive:
        return sum(
            b"<chart:chart" in archive.read(name)
            for name in archive.namelist()
            if re.fullmatch(r"Object \d+/content\.xml", name)
        )


def pdf_text(path: Path) -> str:
    if not shutil.which("pdftotext"):
        return ""
    result = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, timeout=TIMEOUT_SECONDS
    )
    return result.stdout.decode("utf-8")


def external_references(html_text: str) -> list[str]:
    """Anything in the page that a browser would fetch from elsewhere.

    >>> external_references('<img src="data:image/png;base64,AA"><a href="#top">')
    []
    >>> external_references('<link href="https://cdn.example/x.css"><p>url(</p>')
    ['href="https://cdn.example/x.css', 'url(']
    """
    return EXTERNAL_REFERENCE.findall(html_text)


def screenshot(html: Path, png: Path, size: tuple[int, int], work: Path) -> NetworkUse:
    """Render `html` to `png` in headless Chromium; returns what the NetLog recorded."""
    profile = Path(tempfile.mkdtemp(prefix="chromium-profile-", dir=work))
    net_log = work / f"{png.stem}.netlog.json"
    command = [
        "chromium",
        *CHROMIUM_FLAGS,
        f"--user-data-dir={profile}",
        f"--log-net-log={net_log}",
        f"--window-size={size[0]},{size[1]}",
        f"--screenshot={png}",
        html.resolve().as_uri(),
    ]
    # a fresh network namespace has no interface but a down loopback: nothing can leave
    if shutil.which("unshare") and _can_unshare():
        command = ["unshare", "--net", *command]
    subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_SECONDS)
    if not png.is_file():
        raise RuntimeError(f"Chromium wrote no screenshot for {html}")
    return read_net_log(net_log)


def read_net_log(path: Path) -> NetworkUse:
    """Requests by the page (initiator is its opaque file origin) and by the browser itself."""
    log = json.loads(path.read_text(encoding="utf-8"))
    names = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    use = NetworkUse()
    started: dict[int, str] = {}
    for event in log["events"]:
        kind = names.get(event["type"])
        params = event.get("params") or {}
        source = event.get("source", {}).get("id")
        if kind == "URL_REQUEST_START_JOB" and "url" in params:
            url = params["url"]
            if url.startswith(LOCAL_SCHEMES):
                continue
            if params.get("initiator") == "not an origin":
                started[source] = url
            else:
                use.page_requests.append(url)
        elif kind == "URL_REQUEST_START_JOB" and source in started:
            use.browser_requests.append((started.pop(source), params.get("net_error")))
        elif kind == "SOCKET_CONNECT" and event.get("phase") == 2 and "net_error" not in params:
            use.connected.append(str(params))
    use.browser_requests.extend((url, None) for url in started.values())
    return use


def check_run_folder(run: Path, packages: bool = True, sizes=SCREEN_SIZES) -> list[str]:
    """Every check on one run folder; returns the failures (empty when all pass).

    `packages=False` leaves the college packages out and `sizes` picks the screenshots, for a
    quicker check.
    """
    failures = []
    work = run / "render_check"
    work.mkdir(exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="libreoffice-profile-"))
    workbooks = [run / "statistics.xlsx"]
    if packages:
        workbooks += sorted((run / "departments").glob("*.xlsx"))
    for workbook in workbooks:
        pdf = libreoffice_convert(workbook, "pdf", work, profile)
        ods = libreoffice_convert(workbook, "ods", work, profile)
        stored, loaded = xlsx_chart_count(workbook), ods_chart_count(ods)
        logger.info(
            "%s: PDF %d bytes; %d charts stored, %d loaded by LibreOffice.",
            workbook.name, pdf.stat().st_size, stored, loaded,
        )  # fmt: skip
        if stored != loaded:
            failures.append(f"{workbook.name}: LibreOffice loaded {loaded} of {stored} charts")
    if xlsx_chart_count(run / "statistics.xlsx") < 2:
        failures.append("statistics.xlsx holds fewer than two charts")
    text = pdf_text(work / "statistics.pdf")
    if text and "各学院毕业去向落实率" not in text:
        failures.append("statistics.pdf does not show the chart title 各学院毕业去向落实率")

    page = run / "report.html"
    references = external_references(page.read_text(encoding="utf-8"))
    if references:
        failures.append(f"report.html refers to outside resources: {references[:3]}")
    for label, size in sizes.items():
        use = screenshot(page, work / f"report-{label}.png", size, work)
        logger.info(
            "Screenshot %s: page requests %d; browser's own requests %d (%s); connections %d.",
            work / f"report-{label}.png", len(use.page_requests), len(use.browser_requests),
            ", ".join(f"{_host(url)} error {error}" for url, error in use.browser_requests),
            len(use.connected),
        )  # fmt: skip
        if use.page_requests:
            failures.append(f"report.html made requests: {use.page_requests[:3]}")
        if use.connected:
            failures.append(f"Chromium connected to the network: {use.connected[:3]}")
        if any(error is None or error >= 0 for _, error in use.browser_requests):
            failures.append("a background request of Chromium did not fail")
    shutil.rmtree(profile, ignore_errors=True)
    return failures


def run_sample(folder: Path) -> Path:
    """Generate the bundled sample and run every stage on it without Prefect."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from pipelines.context import RunInputs
    from pipelines.run import RunOptions, execute
    from pipelines.sample.generate import build_sample

    paths = build_sample(folder / "sample")
    options = RunOptions(
        inputs=RunInputs(
            (paths["export"], paths["export_separate"]), paths["evidence"], paths["roster"]
        ),
        out_dir=folder / "out",
        db_path=folder / "warehouse.duckdb",
        run_date=dt.date.today(),
    )
    execute(options, use_prefect=False)
    return options.out_dir


def _host(url: str) -> str:
    return url.split("/")[2] if "//" in url else url


def _can_unshare() -> bool:
    probe = subprocess.run(["unshare", "--net", "true"], capture_output=True, check=False)
    return probe.returncode == 0


def main(arguments: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)
    if not tools_available():
        logger.error(
            "soffice and chromium are needed: apt-get install libreoffice-calc-nogui chromium"
        )
        return 1
    run = Path(arguments[0]) if arguments else run_sample(Path(tempfile.mkdtemp(prefix="quxiang-")))
    failures = check_run_folder(run)
    for failure in failures:
        logger.error("FAILED: %s", failure)
    logger.info("Render check of %s: %s.", run, "failed" if failures else "passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
