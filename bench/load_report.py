"""Read bench/load.sh's wrk outputs and write the table of docs/performance.md (and print it).

    .venv/bin/python bench/load_report.py OUTPUT_DIR --seconds 30 --connections 50 --workers 4 \
        --output docs/performance.md
"""

import argparse
import datetime
import os
import platform
import re
from pathlib import Path

PATHS = {
    "healthz": "`/healthz`",
    "explorer": "`/`",
    "explorer-data": "`/explorer/events.json` (the explorer's events, fetched beside the page above 2 000 events)",
    "event": "`/events/<slug>/`",
    "api-events": "`/api/events/`",
    "api-places": "`/api/places/`",
    "random-q": "`/?q=<random>` (a new search each time)",
    "random-param": "`/?utm_source=<random>` (an unknown parameter)",
    "healthz-during-random-q": "`/healthz` beside `/?q=<random>` (4 connections)",
    "healthz-during-random-param": "`/healthz` beside `/?utm_source=<random>` (4 connections)",
}
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def read_wrk(path: Path) -> dict:
    text = path.read_text()
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))}
    for percent in ("50", "99"):
        match = re.search(rf"^\s+{percent}%\s+(\S+)", text, re.M)
        result[f"p{percent}"] = milliseconds(match.group(1)) if match else None
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    result["socket_errors"] = sum(int(n) for n in sockets.groups()) if sockets else 0
    result["statuses"] = {int(s): int(n) for s, n in re.findall(r"^status (\d+): (\d+)$", text, re.M)}
    result["requests"] = int(re.search(r"(\d+) requests in", text).group(1))
    return result


def errors(result: dict) -> int:
    """Socket errors and server errors (5xx); a 429 is the rate limit answering, counted apart."""
    return result["socket_errors"] + sum(n for status, n in result["statuses"].items() if status >= 500)


def flood_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


def table(results: dict, flood: list[str]) -> list[str]:
    health = results.get("healthz", {}).get("rps")
    lines = [
        "| path | requests/s | × `/healthz` | median | p99 | errors | answers |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, label in PATHS.items():
        if name not in results:
            continue
        r = results[name]
        ratio = f"{r['rps'] / health:.2f}" if health and not name.startswith("healthz") else ""
        answers = ", ".join(f"{n} × {status}" for status, n in sorted(r["statuses"].items()))
        lines.append(
            f"| {label} | {r['rps']:.0f} | {ratio} | {r['p50']:.0f} ms | {r['p99']:.0f} ms | {errors(r)} | {answers} |"
        )
    if flood:
        lines += ["", "The sign-in under wrong passwords (bench/login_flood.py against this server):", ""]
        lines += [f"    {line}" for line in flood]
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory", type=Path)
    parser.add_argument("--seconds", type=int, required=True)
    parser.add_argument("--connections", type=int, required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args()

    datasets = {}
    for path in sorted(args.directory.glob("*.txt")):
        dataset, _, name = path.stem.rpartition(".")
        if name in PATHS:
            datasets.setdefault(dataset, {})[name] = read_wrk(path)
    body = [
        "## Load (`bench/load.sh`)",
        "",
        f"Measured {datetime.date.today().isoformat()} by `bench/load.sh` on this project's machine "
        f"({os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}): "
        f"`make serve` (gunicorn, {args.workers} sync workers, production settings) on PostgreSQL + PostGIS, "
        "with Redis as the shared cache (`CACHE_URL`), each cold at the start of a dataset; wrk on the same "
        f"cores, {args.connections} connections for {args.seconds} s per path, over loopback (no TLS proxy), "
        "asking for gzip as browsers do. "
        "*Errors* are socket errors and 5xx answers; a 429 is the rate limit on searches answering, "
        "and counted apart.",
    ]
    for dataset, results in datasets.items():
        flood = flood_lines(args.directory / f"{dataset}.login-flood.txt")
        body += ["", f"### {dataset[0].upper()}{dataset[1:]}", "", *table(results, flood)]
    text = "\n".join(body) + "\n"
    args.output.write_text(within_markers(args.output, text))
    print(text)


BEGIN, END = "<!-- bench/load.sh: begin -->", "<!-- bench/load.sh: end -->"


def within_markers(path: Path, text: str) -> str:
    """The file at ``path`` with ``text`` between its markers (the other benchmarks' sections and what
    was written by hand stay), or a new file holding it."""
    old = path.read_text() if path.exists() else ""
    if BEGIN in old and END in old:
        before, rest = old.split(BEGIN, 1)
        return f"{before}{BEGIN}\n{text}{END}{rest.split(END, 1)[1]}"
    return f"# Performance\n\n{BEGIN}\n{text}{END}\n"


if __name__ == "__main__":
    main()
