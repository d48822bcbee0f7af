#!/usr/bin/env python3
"""Checks the house rules of the source tree (issue 13) and lists every breach.

  python3 scripts/check_layout.py            # from the repository root; exit 1 on a breach
  python3 scripts/check_layout.py --report   # also prints includes per folder and the longest functions

1. Includes point down: a file in one folder includes only its own folder and
   the folders below it (LAYERS); no folder reaches up.
2. No include loop between modules (a module is a .h with its .cpp: if
   a.cpp includes b.h and b.cpp or b.h includes a.h, the two lean on each other).
3. No source file is longer than MAX_FILE_LINES lines.
4. No function body is longer than MAX_FUNCTION_LINES lines, unless it is listed
   with its reason in scripts/long-functions.txt.
Tests, benchmarks and fuzzers are not product code and are not checked.
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Each folder and what it may include besides itself: the layers of README's
# "Layout", lowest first. dist/ implements model/'s Executor with Open MPI;
# workflow/ is handed an Executor and never sees MPI; app/ is the top.
LAYERS = {
    "model": set(),
    "analysis": {"model"},
    "calibration": {"model"},
    "io": {"model", "calibration"},
    "store": {"model", "analysis", "calibration", "io"},
    "report": {"model", "analysis", "calibration", "io", "store"},
    "dist": {"model", "analysis", "calibration"},
    "workflow": {"model", "analysis", "calibration", "io", "store", "report"},
    "app": {"model", "analysis", "calibration", "io", "store", "report", "dist", "workflow"},
}
MAX_FILE_LINES = 800
MAX_FUNCTION_LINES = 80
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def sources():
    for folder in LAYERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".h", ".cpp") and path.is_file():
                yield folder, path


def strip_comments_and_strings(text):
    """Blanks comments, string and character literals (raw strings too), keeping
    line breaks so that line numbers stay right."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "R" and text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'R"([^(\s]{0,16})\(', text[i:])
            if not m:
                out.append(c)
                i += 1
                continue
            end = text.find(")" + m.group(1) + '"', i)
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c in "\"'":
            if c == "'" and i > 0 and text[i - 1].isalnum():  # digit separator 1'000
                out.append(" ")
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(" " * (min(j + 1, n) - i))
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(path):
    """(name, first line, lines) of every function body in the file: a brace
    block whose header has a parameter list and is not a class, namespace,
    enum, initialiser or control statement. Lambdas count towards the function
    around them."""
    code = strip_comments_and_strings(path.read_text(encoding="utf-8"))
    found, stack, header_start = [], [], 0
    for i, c in enumerate(code):
        if c == "{":
            header = code[header_start:i]
            header_flat = " ".join(header.split())
            kind = "block"
            if not any(k == "function" for k, *_ in stack):
                if re.search(r"\b(namespace|class|struct|union|enum)\b[^()]*$", header_flat) or \
                        header_flat.startswith("extern"):
                    kind = "scope"
                elif ")" in header_flat and not re.search(r"(=|\breturn)\s*[^()]*$", header_flat) and \
                        not re.match(r"^(if|for|while|switch|catch|do)\b", header_flat):
                    kind = "function"
            name = ""
            if kind == "function":
                m = re.search(r"([~\w:<>]+)\s*\(", header_flat.split(") :")[0])
                name = m.group(1) if m else header_flat[:40]
            stack.append((kind, name, code.count("\n", 0, i) + 1))
            header_start = i + 1
        elif c == "}":
            if stack:
                kind, name, line = stack.pop()
                if kind == "function":
                    found.append((name, line, code.count("\n", 0, i) + 1 - line + 1))
            header_start = i + 1
        elif c == ";":
            header_start = i + 1
    return found


def main(argv):
    report = "--report" in argv
    problems = []
    graph = {}
    per_folder = {}
    allowed_long = {}
    allow_file = ROOT / "scripts" / "long-functions.txt"
    if allow_file.exists():
        for line in allow_file.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                key, _, reason = line.partition(" ")
                allowed_long[key] = reason.strip()
    long_functions = []
    for folder, path in sources():
        rel = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        includes = INCLUDE.findall(text)
        module = rel.rsplit(".", 1)[0]
        graph.setdefault(module, set())
        for inc in includes:
            target = inc.split("/")[0]
            if "/" not in inc:
                target, inc = folder, f"{folder}/{inc}"
            if target in LAYERS:
                if inc.rsplit(".", 1)[0] != module:
                    graph[module].add(inc.rsplit(".", 1)[0])
                per_folder.setdefault(folder, {}).setdefault(target, 0)
                per_folder[folder][target] += 1
                if target != folder and target not in LAYERS[folder]:
                    problems.append(f"{rel}: includes {inc}: {folder}/ may include only "
                                    f"{', '.join(sorted(LAYERS[folder])) or 'itself'} (includes point down)")
        lines = text.count("\n")
        if lines > MAX_FILE_LINES:
            problems.append(f"{rel}: {lines} lines; at most {MAX_FILE_LINES}: split it by job")
        for name, first, length in functions(path):
            if length > MAX_FUNCTION_LINES:
                key = f"{rel}:{name}"
                long_functions.append((length, key))
                if key not in allowed_long:
                    problems.append(f"{rel}:{first}: {name} is {length} lines; at most {MAX_FUNCTION_LINES} "
                                    f"(or list it with its reason in scripts/long-functions.txt)")
    # Include loops between files (depth-first search over the include graph).
    state, path_stack = {}, []

    def visit(node):
        state[node] = "open"
        path_stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in graph:
                continue
            if state.get(nxt) == "open":
                loop = path_stack[path_stack.index(nxt):] + [nxt]
                problems.append("include loop: " + " -> ".join(loop))
            elif nxt not in state:
                visit(nxt)
        path_stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    for key in sorted(allowed_long):
        if key not in {k for _, k in long_functions}:
            problems.append(f"scripts/long-functions.txt: {key} is no longer over {MAX_FUNCTION_LINES} lines: "
                            f"remove the line")
    if report:
        print("includes per folder (folder: included folder x count):")
        for folder in LAYERS:
            row = per_folder.get(folder, {})
            print(f"  {folder}: " + ", ".join(f"{t} x{n}" for t, n in sorted(row.items())))
        print(f"functions over {MAX_FUNCTION_LINES} lines:")
        for length, key in sorted(long_functions, reverse=True):
            print(f"  {length:4d} {key}" + (f"  ({allowed_long[key]})" if key in allowed_long else ""))
    for p in problems:
        print(p)
    print(f"check_layout: {len(graph)} modules in {len(LAYERS)} folders, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
