#!/usr/bin/python3
"""Reads a workbook written by `targetcast report --format xlsx` with openpyxl,
as Excel would, and checks it against the results database it came from
(tests/report/xlsx_test.cmake runs it; Debian's python3-openpyxl):

- the sheets, in the report's order and language, each with its title and
  header rows frozen;
- every P(met) a number shown as a percentage, equal to the stored value, in
  the targets, scenario and difference sheets; the indicator quantiles, the
  lever solve and the drivers as numbers;
- the provenance: master seed, runs and each input file's SHA-256 as stored
  (and, for a file still on disk, as its bytes hash);
- no formula anywhere, no English header in the Chinese workbook and no
  Chinese one in the English workbook;
- no Latin-letter word in the Chinese workbook but units, abbreviations and
  names of methods (no code name, English note or English distribution name).

Usage: check_xlsx.py --db results.sqlite --xlsx report.xlsx --lang en|zh
"""
import argparse
import hashlib
import os
import re
import sqlite3
import sys

try:
    import openpyxl
except ImportError:
    sys.exit("check_xlsx.py: openpyxl is missing: install Debian's python3-openpyxl (scripts/install-deps.sh)")

SHEETS = {
    "en": ["Targets", "Indicators by year", "First reached", "By scenario", "Paired differences", "Drivers",
           "Levers needed", "Parameters", "Provenance"],
    "zh": ["目标一览", "指标历年分位数", "首次达到年份", "各情景达成概率", "配对差异", "驱动因素", "所需政策杠杆",
           "参数与假设", "来源与可复现信息"],
}
# Symbols a Chinese header keeps as they are written in Chinese texts too.
LATIN_IN_CHINESE = {"SHA", "ST", "S", "P", "CRPS", "Brier"}
CJK = re.compile("[\u3000-\u9fff\uff00-\uffef]")

problems = []


def check(condition, what):
    if not condition:
        problems.append(what)
    return condition


def close(a, b):
    return isinstance(a, (int, float)) and not isinstance(a, bool) and abs(a - b) <= 1e-12 * max(1.0, abs(b))


def rows(sheet, first=3):
    """The data rows of a sheet's first table: from under the header to the first empty row."""
    out = []
    for row in sheet.iter_rows(min_row=first):
        if all(c.value is None for c in row):
            break
        out.append(row)
    return out


def header(sheet):
    return [c.value for c in sheet[2] if c.value is not None]


def check_layout(book, lang):
    check(book.sheetnames == SHEETS[lang], f"sheets {book.sheetnames}, expected {SHEETS[lang]}")
    for sheet in book.worksheets:
        check(sheet.freeze_panes == "A3", f"{sheet.title}: frozen at {sheet.freeze_panes}, expected A3")
        check(sheet["A1"].value, f"{sheet.title}: no title in A1")
        check(all(c.font.b for c in sheet[2] if c.value is not None), f"{sheet.title}: header row not bold")
        for row in sheet.iter_rows():
            for c in row:
                check(c.data_type != "f", f"{sheet.title}!{c.coordinate}: a formula")
        for h in header(sheet):
            if lang == "zh":
                words = set(re.findall("[A-Za-z]+", h)) - LATIN_IN_CHINESE
                check(not words, f"{sheet.title}: English in the Chinese header '{h}'")
            else:
                check(not CJK.search(h), f"{sheet.title}: Chinese in the English header '{h}'")


def check_targets(book, db, experiment, scenarios, lang):
    sheet = book[SHEETS[lang][0]]
    targets = db.execute("SELECT target_id, name_" + lang + " FROM targets WHERE experiment_id = ? "
                         "ORDER BY target_index", (experiment,)).fetchall()
    data = rows(sheet)
    check(len(data) == len(targets) + 1, f"targets: {len(data)} rows, expected {len(targets)} and the joint row")
    for row, (target_id, name) in zip(data, targets):
        p, lo, hi = db.execute("SELECT probability, ci_low, ci_high FROM target_results WHERE experiment_id = ? "
                               "AND scenario_id = ? AND target_id = ?", (experiment, scenarios[0], target_id)).fetchone()
        check(str(row[1].value).startswith(name), f"targets {row[1].coordinate}: {row[1].value!r}, expected {name!r}")
        for cell, stored in ((row[5], p), (row[6], lo), (row[7], hi)):
            check(close(cell.value, stored), f"targets {cell.coordinate}: {cell.value!r}, stored {stored}")
            check(cell.number_format == "0.0%", f"targets {cell.coordinate}: format {cell.number_format}")
    joint = db.execute("SELECT probability FROM joint_results WHERE experiment_id = ? AND scenario_id = ?",
                       (experiment, scenarios[0])).fetchone()[0]
    check(close(data[-1][5].value, joint), f"targets: joint {data[-1][5].value!r}, stored {joint}")
    check(data[-1][1].font.b, "targets: the joint row is not bold")


def check_scenarios(book, db, experiment, scenarios, lang):
    by_scenario = rows(book[SHEETS[lang][3]])
    first = db.execute("SELECT target_id FROM targets WHERE experiment_id = ? ORDER BY target_index",
                       (experiment,)).fetchone()[0]
    for k, scenario in enumerate(scenarios):
        p = db.execute("SELECT probability FROM target_results WHERE experiment_id = ? AND scenario_id = ? "
                       "AND target_id = ?", (experiment, scenario, first)).fetchone()[0]
        cell = by_scenario[0][2 + k]
        check(close(cell.value, p) and cell.number_format == "0.0%", f"by scenario {cell.coordinate}: {cell.value!r}")
    differences = rows(book[SHEETS[lang][4]])
    diff, lo, hi = db.execute("SELECT difference, ci_low, ci_high FROM comparisons WHERE experiment_id = ? "
                              "AND scenario_id = ? AND target_id = ?", (experiment, scenarios[1], first)).fetchone()
    row = differences[0]
    check(abs(row[5].value - 100 * diff) < 1e-9, f"differences F3: {row[5].value!r} points, stored {diff}")
    check(abs(row[6].value - 100 * lo) < 1e-9 and abs(row[7].value - 100 * hi) < 1e-9,
          f"differences G3:H3: {row[6].value!r}, {row[7].value!r}, stored {lo}, {hi}")


def check_indicators(book, db, experiment, scenarios, lang):
    row = rows(book[SHEETS[lang][1]])[0]
    indicator, year = db.execute("SELECT indicator_id, MIN(year) FROM indicator_summary WHERE experiment_id = ? "
                                 "AND scenario_id = ? AND indicator_id = (SELECT indicator_id FROM indicators "
                                 "WHERE experiment_id = ? ORDER BY indicator_index LIMIT 1)",
                                 (experiment, scenarios[0], experiment)).fetchone()
    stored = db.execute("SELECT p05, p25, p50, p75, p95, mean FROM indicator_summary WHERE experiment_id = ? "
                        "AND scenario_id = ? AND indicator_id = ? AND year = ?",
                        (experiment, scenarios[0], indicator, year)).fetchone()
    check(row[3].value == year, f"indicators D3: year {row[3].value!r}, expected {year}")
    for cell, value in zip(row[4:10], stored):
        check(close(cell.value, value), f"indicators {cell.coordinate}: {cell.value!r}, stored {value}")


def check_analyses(book, db, lang):
    drivers = rows(book[SHEETS[lang][5]])
    ranked = [r for r in drivers if r[1].value is not None]
    check(ranked and all(isinstance(r[3].value, (int, float)) and r[3].number_format == "0.00" and r[3].value > 0
                         for r in ranked), "drivers: an index that is not a positive number")
    solve = rows(book[SHEETS[lang][6]])[0]
    required, probability = db.execute("SELECT required_probability, confirmation_probability FROM lever_solves "
                                       "ORDER BY id DESC LIMIT 1").fetchone()
    check(close(solve[5].value, required), f"levers F3: {solve[5].value!r}, stored {required}")
    check(close(solve[7].value, probability), f"levers H3: {solve[7].value!r}, stored {probability}")


def check_provenance(book, db, experiment, lang):
    sheet = book[SHEETS[lang][-1]]
    items = {r[0].value: r[1].value for r in rows(sheet)}
    seed, runs = db.execute("SELECT master_seed_text, runs FROM experiments WHERE id = ?", (experiment,)).fetchone()
    seed_label, runs_label = ("主随机种子", "每个情景的模拟次数") if lang == "zh" else ("master seed", "runs per scenario")
    check(str(items.get(seed_label)) == seed, f"provenance: seed {items.get(seed_label)!r}, stored {seed}")
    check(items.get(runs_label) == runs, f"provenance: runs {items.get(runs_label)!r}, stored {runs}")
    stored = db.execute("SELECT path, sha256, bytes FROM input_files WHERE experiment_id = ? ORDER BY file_index",
                        (experiment,)).fetchall()
    files = {}
    for row in sheet.iter_rows(min_row=len(items) + 3):
        if len(row) > 3 and re.fullmatch("[0-9a-f]{64}", str(row[3].value)):
            files[row[1].value] = (row[3].value, row[2].value)
    check(len(files) == len(stored), f"provenance: {len(files)} input files, stored {len(stored)}")
    for path, sha256, size in stored:
        check(files.get(path) == (sha256, size), f"provenance: {path}: {files.get(path)!r}, stored {sha256} {size}")
        if os.path.isfile(path):
            with open(path, "rb") as f:
                check(hashlib.sha256(f.read()).hexdigest() == sha256, f"provenance: {path} does not hash to {sha256}")


# Latin-letter words a Chinese workbook may show (issue 16, item 8): units and
# abbreviations a Chinese planner writes too, names of methods; paths (with a
# "/") and hashes also pass. A code name (rho_b), an English note or an English
# distribution name (LogNormal) does not.
ALLOWED_IN_ZH = {"AI", "5G", "GDP", "UTC", "Sobol", "ST", "S", "Clopper-Pearson", "SHA-256", "Apache", "ECharts",
                 "License", "targetcast"}


def check_chinese(book):
    for sheet in book.worksheets[:-1]:  # the provenance sheet holds commands and file names
        for row in sheet.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                for word in re.findall(r"[A-Za-z0-9_][A-Za-z0-9_.\-/]*", cell.value):
                    word = word.rstrip(".-")
                    if not re.search("[A-Za-z]", word) or word in ALLOWED_IN_ZH or "/" in word:
                        continue
                    check(False, f"{sheet.title}!{cell.coordinate}: '{word}' in a Chinese workbook: {cell.value[:80]!r}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--xlsx", required=True)
    parser.add_argument("--lang", choices=["en", "zh"], required=True)
    a = parser.parse_args()
    book = openpyxl.load_workbook(a.xlsx)
    db = sqlite3.connect(f"file:{a.db}?mode=ro", uri=True)
    experiment = db.execute("SELECT MAX(id) FROM experiments WHERE status = 'complete'").fetchone()[0]
    scenarios = [r[0] for r in db.execute("SELECT scenario_id FROM scenarios WHERE experiment_id = ? "
                                          "ORDER BY scenario_index", (experiment,))]
    check_layout(book, a.lang)
    if not problems:  # the sheets are there: read them
        check_targets(book, db, experiment, scenarios, a.lang)
        check_scenarios(book, db, experiment, scenarios, a.lang)
        check_indicators(book, db, experiment, scenarios, a.lang)
        check_analyses(book, db, a.lang)
        check_provenance(book, db, experiment, a.lang)
        if a.lang == "zh":
            check_chinese(book)
    for p in problems:
        print(f"{a.xlsx}: {p}", file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"{a.xlsx}: {len(book.sheetnames)} sheets ({', '.join(book.sheetnames)}) agree with {a.db}")


if __name__ == "__main__":
    main()
