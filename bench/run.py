"""sitelint's benchmark: crawl speed, memory and where the time goes, side by side.

Usage: .venv/bin/python bench/run.py [--pages 2000,10000] [--quick] [--render-pages 200]

Generates synthetic company sites with ../shared/bench/gen_site.py (cached in
bench/.cache), serves them with nginx on 127.0.0.1 (one worker, access_log
off), and measures, each run in its own process:

- sitelint static ``check`` with every rule on, per site size: pages per
  second, peak memory (the larger of the process tree's PSS, sampled, which
  shares forked workers' pages fairly, and the kernel's exact peak RSS of the
  largest process);
- the crawl-only loop (bench/crawl_only.py: the same HTTP client, link
  extraction, canonicalisation and de-duplication, no rules), the ceiling of
  the stack, on the same server in the same run: the ratio is the figure to
  compare over time, since run-to-run noise here is about +-25%;
- a profiled in-process run per size (bench/profile_run.py): CPU per stage
  and per rule;
- render mode on a small site at 1 and 4 concurrent pages.

Prints a table and writes bench/results/<timestamp>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CACHE = BENCH / ".cache"
RESULTS = BENCH / "results"
GEN_SITE = ROOT.parent / "shared" / "bench" / "gen_site.py"
PYTHON = sys.executable
SITELINT = str(Path(PYTHON).with_name("sitelint"))
# Ports tried first, so a cached site (its sitemap names its base URL) is reused.
FIRST_PORT = 18180
MIB = 1024 * 1024

# The targets, checked in the table.
TARGET_RATE = 250.0
TARGET_RATIO = 0.6
TARGET_RSS_MIB = 300.0
TARGET_RSS_GROWTH = 1.5
TARGET_RENDER_RATE = 8.0
TARGET_MAX_RULE_SHARE = 0.15


# -- processes and memory ---------------------------------------------------


def _descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        parent = queue.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found.append(child)
            queue.append(child)
    return found


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _pss_kib(pid: int) -> int:
    """PSS shares pages fairly between the processes that map them (forked workers)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


@dataclass
class Measured:
    """One measurement's process: time, and the peak memory of its process tree."""

    wall_seconds: float = 0.0
    cpu_seconds: float = 0.0  # the process and the children it waited for
    returncode: int = 0
    # Sampled over the process and its children (workers, a browser): RSS every
    # 0.25 s, PSS every second.
    peak_tree_rss_mib: float = 0.0
    peak_tree_pss_mib: float = 0.0
    # The kernel's exact peak for the largest single process of the tree: the
    # sampling can miss a short peak (the report written at the end).
    peak_process_rss_mib: float = 0.0
    stderr_tail: str = ""

    @property
    def peak_mib(self) -> float:
        """The figure the memory targets are read against."""
        return max(self.peak_tree_pss_mib, self.peak_process_rss_mib)


def run_measured(command: list[str], env: dict[str, str] | None = None) -> Measured:
    measured = Measured()
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
    )
    stderr_chunks: list[bytes] = []

    def drain() -> None:
        assert process.stderr is not None
        for chunk in iter(lambda: process.stderr.read(4096), b""):  # type: ignore[union-attr]
            stderr_chunks.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    done = threading.Event()

    def sample() -> None:
        # PSS is costly to read (the kernel walks every mapping): less often,
        # so the sampling does not slow down what it measures.
        rounds = 0
        while not done.is_set():
            pids = [process.pid, *_descendants(process.pid)]
            rss = sum(map(_rss_kib, pids))
            measured.peak_tree_rss_mib = max(measured.peak_tree_rss_mib, rss / 1024)
            if rounds % 4 == 0:
                pss = sum(map(_pss_kib, pids))
                measured.peak_tree_pss_mib = max(measured.peak_tree_pss_mib, pss / 1024)
            rounds += 1
            done.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    measured.wall_seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    reader.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    measured.returncode = process.returncode
    measured.cpu_seconds = usage.ru_utime + usage.ru_stime
    measured.peak_process_rss_mib = usage.ru_maxrss / 1024
    measured.stderr_tail = b"".join(stderr_chunks).decode("utf-8", "replace")[-2000:]
    return measured


def _figures(measured: Measured) -> dict[str, Any]:
    return {**vars(measured), "peak_mib": measured.peak_mib}


# -- sites and nginx ----------------------------------------------------------


def port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port(preferred: int, taken: set[int]) -> int:
    port = preferred
    while port in taken or not port_free(port):
        port += 1
    taken.add(port)
    return port


def site_dir(pages: int, port: int) -> Path:
    """A generated site, reused while gen_site.py and its base URL stay the same."""
    folder = CACHE / f"site-{pages}-{port}"
    stamp = folder / ".complete"
    generator = GEN_SITE.read_bytes()
    if stamp.exists() and stamp.read_bytes() == generator:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    print(f"generating a {pages}-page site in {folder} ...", file=sys.stderr)
    subprocess.run(
        [PYTHON, str(GEN_SITE), str(pages), str(folder), "--base-url", f"http://127.0.0.1:{port}"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    stamp.write_bytes(generator)
    return folder


class Nginx:
    """nginx serving each site on its own 127.0.0.1 port: one worker, no access log."""

    def __init__(self, sites: dict[int, Path]) -> None:
        self.sites = sites
        self.prefix = CACHE / "nginx"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        executable = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(executable).exists():
            raise SystemExit(
                "nginx is not installed: make bench installs it (apt-get install nginx)"
            )
        (self.prefix / "tmp").mkdir(parents=True, exist_ok=True)
        servers = "\n".join(
            f"  server {{ listen 127.0.0.1:{port}; root {folder}; index index.html; }}"
            for port, folder in self.sites.items()
        )
        temp = self.prefix / "tmp"
        config = f"""
worker_processes 1;
daemon off;
pid {self.prefix}/nginx.pid;
error_log {self.prefix}/error.log;
events {{ worker_connections 1024; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  client_body_temp_path {temp};
  proxy_temp_path {temp};
  fastcgi_temp_path {temp};
  uwsgi_temp_path {temp};
  scgi_temp_path {temp};
{servers}
}}
"""
        path = self.prefix / "nginx.conf"
        path.write_text(config)
        self.process = subprocess.Popen(
            [
                executable,
                "-e",
                str(self.prefix / "error.log"),
                "-p",
                str(self.prefix),
                "-c",
                str(path),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 10
        waiting = set(self.sites)
        while waiting and time.monotonic() < deadline:
            if self.process.poll() is not None:
                error = self.process.stderr.read().decode() if self.process.stderr else ""
                raise SystemExit(f"nginx did not start: {error}")
            waiting = {port for port in waiting if port_free(port)}
            time.sleep(0.05)
        if waiting:
            self.stop()
            raise SystemExit(f"nginx is not listening on {sorted(waiting)}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None


# -- the measurements -----------------------------------------------------------


def crawl_only(url: str, pages: int, work: Path) -> dict[str, Any]:
    output = work / f"crawl-only-{pages}.json"
    measured = run_measured(
        [
            PYTHON,
            str(BENCH / "crawl_only.py"),
            url,
            "--max-pages",
            str(pages),
            "--json",
            str(output),
        ]
    )
    inside = json.loads(output.read_text()) if output.exists() else {}
    crawled = int(inside.get("pages", 0))
    return {
        "pages": crawled,
        "pages_per_second": crawled / measured.wall_seconds if measured.wall_seconds else 0.0,
        "loop_pages_per_second": inside.get("pages_per_second"),
        **_figures(measured),
    }


def sitelint_check(
    url: str, pages: int, work: Path, name: str, extra: list[str], env: dict[str, str] | None = None
) -> dict[str, Any]:
    report = work / f"{name}.json"
    measured = run_measured(
        [
            SITELINT,
            "check",
            url,
            "--max-pages",
            str(pages),
            "--format",
            f"json={report}",
            "--fail-on",
            "never",
            "-q",
            *extra,
        ],
        env,
    )
    data = json.loads(report.read_text()) if report.exists() else {}
    read = sum(1 for page in data.get("pages", []) if (page.get("status") or 0) == 200)
    return {
        "pages": read,
        "findings": len(data.get("findings", [])),
        "pages_per_second": read / measured.wall_seconds if measured.wall_seconds else 0.0,
        "command": " ".join(["sitelint", "check", url, "--max-pages", str(pages), *extra]),
        **_figures(measured),
    }


def profile(url: str, pages: int, work: Path, cprofile: bool) -> dict[str, Any]:
    output = work / f"profile-{pages}{'-cprofile' if cprofile else ''}.json"
    command = [PYTHON, str(BENCH / "profile_run.py"), url, "--max-pages", str(pages)]
    measured = run_measured(
        [*command, "--json", str(output), *(["--cprofile"] if cprofile else [])]
    )
    data: dict[str, Any] = json.loads(output.read_text()) if output.exists() else {}
    data["returncode"] = measured.returncode
    if measured.returncode:
        data["stderr_tail"] = measured.stderr_tail
    return data


def find_browser() -> str | None:
    try:
        from sitelint.render import find_browser as find

        return str(find(None))
    except Exception:
        return None


# -- the table -------------------------------------------------------------------


@dataclass
class Table:
    rows: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, name: str, value: str, verdict: str = "") -> None:
        self.rows.append((name, value, verdict))

    def render(self) -> str:
        width = max(len(name) for name, _, _ in self.rows)
        # Figures line up; a long value (a profile) is left as it reads.
        value_width = max((len(v) for _, v, _ in self.rows if len(v) <= 24), default=0)
        return "\n".join(
            f"{name:<{width}}  {value:>{value_width}}  {verdict}".rstrip()
            for name, value, verdict in self.rows
        )


def verdict(ok: bool, target: str) -> str:
    return f"{'ok  ' if ok else 'MISS'} (target {target})"


def share(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def summarise(results: dict[str, Any]) -> str:
    table = Table()
    sizes = sorted(int(size) for size in results["static"])
    for size in sizes:
        static = results["static"][str(size)]
        ceiling = results["crawl_only"][str(size)]
        ratio = (
            static["pages_per_second"] / ceiling["pages_per_second"]
            if ceiling["pages_per_second"]
            else 0.0
        )
        static["ratio_to_crawl_only"] = ratio
        largest = size == sizes[-1]
        table.add(
            f"static check, {size} pages",
            f"{static['pages_per_second']:.0f} pages/s",
            verdict(static["pages_per_second"] >= TARGET_RATE, f">= {TARGET_RATE:.0f}")
            if largest
            else "",
        )
        table.add(f"crawl-only loop, {size} pages", f"{ceiling['pages_per_second']:.0f} pages/s")
        table.add(
            f"ratio static / crawl-only, {size}",
            f"{ratio:.2f}",
            verdict(ratio >= TARGET_RATIO, f">= {TARGET_RATIO}") if largest else "",
        )
        table.add(
            f"peak memory, {size} pages",
            f"{static['peak_mib']:.0f} MiB",
            verdict(static["peak_mib"] < TARGET_RSS_MIB, f"< {TARGET_RSS_MIB:.0f} MiB")
            if largest
            else "",
        )
        table.add(
            "  tree PSS / tree RSS (sampled), largest process",
            f"{static['peak_tree_pss_mib']:.0f} / {static['peak_tree_rss_mib']:.0f}, "
            f"{static['peak_process_rss_mib']:.0f} MiB",
        )
    if len(sizes) > 1:
        small, large = results["static"][str(sizes[0])], results["static"][str(sizes[-1])]
        growth = large["peak_mib"] / small["peak_mib"] if small["peak_mib"] else 0.0
        results["memory_growth"] = growth
        table.add(
            f"peak memory {sizes[-1]} / {sizes[0]}",
            f"{growth:.2f}x",
            verdict(growth < TARGET_RSS_GROWTH, f"< {TARGET_RSS_GROWTH}x"),
        )
    for concurrency, render in sorted(results.get("render", {}).items()):
        if "skipped" in render:
            table.add(f"render, {concurrency} concurrent", "skipped", render["skipped"])
            continue
        table.add(
            f"render, {concurrency} concurrent, {render['pages']} pages",
            f"{render['pages_per_second']:.1f} pages/s",
            verdict(
                render["pages_per_second"] >= TARGET_RENDER_RATE, f">= {TARGET_RENDER_RATE:.0f}"
            )
            if concurrency == "4"
            else "",
        )
    for size, data in sorted(results.get("profile", {}).items(), key=lambda item: int(item[0])):
        if not data.get("stages"):
            continue
        cpu = data["cpu_seconds"]
        stages = ", ".join(
            f"{name} {share(seconds, cpu)}" for name, seconds in list(data["stages"].items())[:6]
        )
        table.add(f"profile {size}: CPU by stage", stages)
        top_seconds = next(iter(data["rules"].values()), 0.0)
        rules = ", ".join(
            f"{name} {share(seconds, cpu)}" for name, seconds in list(data["rules"].items())[:4]
        )
        table.add(
            f"profile {size}: top rules",
            rules,
            verdict(
                top_seconds / cpu <= TARGET_MAX_RULE_SHARE if cpu else False,
                "each rule <= 15% of CPU",
            ),
        )
        if data.get("pages"):
            table.add(f"profile {size}: CPU per page", f"{1000 * cpu / data['pages']:.2f} ms")
    return table.render()


# -- main ---------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pages", default="2000,10000", help="site sizes, comma-separated")
    parser.add_argument("--quick", action="store_true", help="small sites, for a fast check")
    parser.add_argument("--render-pages", type=int, default=200)
    parser.add_argument("--no-render", action="store_true")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument(
        "--workers",
        help="SITELINT_WORKERS for the static runs (default: sitelint's own choice)",
    )
    args = parser.parse_args()
    sizes = [300, 1000] if args.quick else [int(size) for size in args.pages.split(",") if size]
    render_pages = 50 if args.quick else args.render_pages
    if not GEN_SITE.exists():
        raise SystemExit(f"{GEN_SITE} not found (the shared benchmark material)")

    taken: set[int] = set()
    ports = {size: free_port(FIRST_PORT + index, taken) for index, size in enumerate(sizes)}
    render_port = free_port(FIRST_PORT + 50, taken)
    sites = {ports[size]: site_dir(size, ports[size]) for size in sizes}
    if not args.no_render:
        sites[render_port] = site_dir(render_pages, render_port)

    started = datetime.now(UTC)
    work = CACHE / "runs" / started.strftime("%Y%m%dT%H%M%SZ")
    work.mkdir(parents=True, exist_ok=True)
    env = {"SITELINT_WORKERS": args.workers} if args.workers is not None else None
    results: dict[str, Any] = {
        "version": 1,
        "started": started.isoformat(),
        "machine": {
            "cpus": len(os.sched_getaffinity(0)),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "commit": _commit(),
        "options": {"sizes": sizes, "render_pages": render_pages, "workers": args.workers},
        "static": {},
        "crawl_only": {},
        "profile": {},
        "render": {},
    }
    nginx = Nginx(sites)
    nginx.start()
    try:
        for size in sizes:
            url = f"http://127.0.0.1:{ports[size]}/"
            print(f"{size} pages: crawl-only loop ...", file=sys.stderr)
            results["crawl_only"][str(size)] = crawl_only(url, size, work)
            print(f"{size} pages: sitelint check ...", file=sys.stderr)
            results["static"][str(size)] = sitelint_check(
                url, size, work, f"static-{size}", ["--render", "never"], env
            )
            if not args.no_profile:
                print(f"{size} pages: profiled run ...", file=sys.stderr)
                results["profile"][str(size)] = profile(url, size, work, cprofile=False)
        if not args.no_profile:
            print(f"{sizes[0]} pages: cProfile run ...", file=sys.stderr)
            url = f"http://127.0.0.1:{ports[sizes[0]]}/"
            cprofiled = profile(url, sizes[0], work, cprofile=True)
            results["top_functions"] = cprofiled.get("top_functions", [])
        if not args.no_render:
            browser = find_browser()
            url = f"http://127.0.0.1:{render_port}/"
            for concurrency in (1, 4):
                if browser is None:
                    results["render"][str(concurrency)] = {"skipped": "no Chromium found"}
                    continue
                print(f"render, {concurrency} concurrent ...", file=sys.stderr)
                results["render"][str(concurrency)] = sitelint_check(
                    url,
                    render_pages,
                    work,
                    f"render-{concurrency}",
                    ["--render", "always", "--render-concurrency", str(concurrency)],
                )
    finally:
        nginx.stop()
    results["finished"] = datetime.now(UTC).isoformat()
    table = summarise(results)
    RESULTS.mkdir(exist_ok=True)
    output = RESULTS / f"{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    output.write_text(json.dumps(results, indent=1))
    print(table)
    print(f"\nwritten: {output.relative_to(ROOT)}")
    failed = [
        f"{name}: exit {run['returncode']}: {run.get('stderr_tail', '')[-500:]}"
        for group in ("static", "crawl_only", "render")
        for name, run in results[group].items()
        if run.get("returncode")
    ]
    if failed:
        print("\nsome runs failed:\n" + "\n".join(failed), file=sys.stderr)
        raise SystemExit(1)


def _commit() -> str | None:
    try:
        return subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


if __name__ == "__main__":
    main()
