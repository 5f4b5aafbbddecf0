#!/usr/bin/env python3
"""Runs a document's shell examples, in order, in a scratch folder, as a reader would.

Usage: run_doc_examples.py WAYMARK SOURCE_DIR BUILD_DIR DOC.md

An example is a code block (fenced, or indented four spaces) whose first line starts with
`waymark` or `build/waymark`, with or without a `$ ` prompt:
- without a prompt, every line is a command (a line ending in `\\` continues on the next) and each
  must exit 0;
- with a prompt, the lines after each `$ ` command are its output (standard output and standard
  error, as they were written) and must match: `...` in a line stands for any text, a line that is only `...` for any
  number of lines, and a line `> TEXT` is TEXT typed at the prompt `> `.
An HTML comment `<!-- doc-test: ... -->` before a block changes how it is taken:
  `<!-- doc-test: file NAME -->`    the block is the file NAME (written to the scratch folder);
  `<!-- doc-test: exit N -->`       its commands exit N instead of 0;
  `<!-- doc-test: skip: REASON -->` it is not run, for the reason given (the doc says why).
The scratch folder has `build/waymark`, `build/examples` (the build's example plugins), and the
source tree's `policies/` and `examples/`; HOME and the XDG folders point into it, so nothing
outside is read or written.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

COMMAND = re.compile(r"^(\$ )?(build/)?waymark(\s|$)")
DIRECTIVE = re.compile(r"^\s*<!--\s*doc-test:\s*(.*?)\s*-->\s*$")


def dedent(lines):
    indents = [len(l) - len(l.lstrip(" ")) for l in lines if l.strip()]
    cut = min(indents) if indents else 0
    return [l[cut:] for l in lines]


def blocks(text):
    """Yields (line number, directives, lines) for every code block of a Markdown text."""
    lines = text.split("\n")
    directives = []
    i = 0
    while i < len(lines):
        line = lines[i]
        found = DIRECTIVE.match(line)
        if found:
            directives.append(found.group(1))
            i += 1
            continue
        fence = re.match(r"^(\s*)(```+|~~~+)", line)
        if fence:
            start, marker = i, fence.group(2)
            i += 1
            body = []
            while i < len(lines) and not lines[i].strip().startswith(marker):
                body.append(lines[i])
                i += 1
            yield start + 1, directives, dedent(body)
            directives = []
            i += 1
            continue
        if line.startswith("    ") and line.strip() and (i == 0 or not lines[i - 1].strip() or DIRECTIVE.match(lines[i - 1])):
            start = i
            body = []
            while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
                body.append(lines[i])
                i += 1
            while body and not body[-1].strip():
                body.pop()
            yield start + 1, directives, dedent(body)
            directives = []
            continue
        if line.strip():
            directives = []
        i += 1


def join_continuations(lines):
    """Joins lines ending in a backslash with the next; yields (index of first line, command)."""
    i = 0
    while i < len(lines):
        first = i
        command = lines[i]
        while command.rstrip().endswith("\\") and i + 1 < len(lines):
            i += 1
            command = command.rstrip()[:-1] + " " + lines[i].strip()
        yield first, command
        i += 1


def expected_pattern(output_lines):
    """A regular expression for a transcript's output, and the text typed at its prompts."""
    parts = []
    typed = []
    for line in output_lines:
        stripped = line.rstrip()
        if stripped.strip() in ("...", "\u2026"):
            parts.append(r"(?:[^\n]*\n)*?")
            continue
        if stripped.startswith("> ") or stripped == ">":
            typed.append(stripped[2:])
            parts.append("> ?")  # what is typed is not echoed: output goes on after the prompt
            continue
        pieces = re.split(r"\.\.\.|\u2026", stripped)
        parts.append(".*".join(re.escape(p) for p in pieces) + r"[ \t]*\n")
    return "".join(parts), typed


def run(command, scratch, env, stdin):
    # One pipe for both streams, so messages come in the order they were written, as in a terminal.
    return subprocess.run(["sh", "-c", command], cwd=scratch, env=env, input=stdin,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)


def main():
    waymark, source, build, doc = (os.path.abspath(a) for a in sys.argv[1:5])
    name = os.path.relpath(doc, source)
    scratch = tempfile.mkdtemp(prefix="waymark-doc-")
    failures = []
    ran = skipped = 0
    try:
        os.makedirs(os.path.join(scratch, "build"))
        os.makedirs(os.path.join(scratch, "bin"))
        for link, target in ((os.path.join("bin", "waymark"), waymark),
                             (os.path.join("build", "waymark"), waymark),
                             (os.path.join("build", "examples"), os.path.join(build, "examples")),
                             ("policies", os.path.join(source, "policies")),
                             ("examples", os.path.join(source, "examples"))):
            os.symlink(target, os.path.join(scratch, link))
        env = {k: v for k, v in os.environ.items() if not k.startswith("WAYMARK_")}
        env.update(HOME=scratch, XDG_DATA_HOME=os.path.join(scratch, ".local/share"),
                   XDG_STATE_HOME=os.path.join(scratch, ".local/state"),
                   XDG_CONFIG_HOME=os.path.join(scratch, ".config"), COLUMNS="100",
                   PATH=os.path.join(scratch, "bin") + os.pathsep + os.environ.get("PATH", ""))
        with open(doc, encoding="utf-8") as f:
            text = f.read()
        for line_no, directives, lines in blocks(text):
            where = f"{name}:{line_no}"
            file_name = next((d[5:].strip() for d in directives if d.startswith("file ")), None)
            if file_name:
                path = os.path.join(scratch, file_name)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    f.write("\n".join(lines) + "\n")
                continue
            first = next((l for l in lines if l.strip()), "")
            mentions = any(COMMAND.match(l) for l in lines)
            if not mentions:
                continue
            if any(d.startswith("skip:") for d in directives):
                skipped += 1
                continue
            if any(d.startswith("skip") for d in directives):
                failures.append(f"{where}: a skip must give its reason: <!-- doc-test: skip: REASON -->")
                continue
            if not COMMAND.match(first):
                failures.append(f"{where}: a block with waymark commands starts with another command: "
                                "split it, or mark it <!-- doc-test: skip: REASON -->")
                continue
            exit_code = next((int(d[5:]) for d in directives if d.startswith("exit ")), 0)
            if first.startswith("$ "):
                commands = []  # (line index, command, output lines)
                for index, line in join_continuations(lines):
                    if line.startswith("$ "):
                        commands.append((index, line[2:], []))
                    elif commands:
                        commands[-1][2].append(line)
            else:
                commands = [(i, c, None) for i, c in join_continuations(lines) if c.strip()]
            for index, command, output in commands:
                ran += 1
                where = f"{name}:{line_no + 1 + index}"
                pattern, typed = expected_pattern(output or [])
                stdin = "".join(t + "\n" for t in typed)
                try:
                    result = run(command, scratch, env, stdin)
                except subprocess.TimeoutExpired:
                    failures.append(f"{where}: `{command}` did not finish within 60 seconds")
                    continue
                actual = result.stdout
                if result.returncode != exit_code:
                    failures.append(f"{where}: `{command}` exited {result.returncode}, expected {exit_code}\n{actual}")
                    continue
                if output is not None:
                    normal = "\n".join(l.rstrip() for l in actual.split("\n"))
                    if not normal.endswith("\n"):
                        normal += "\n"
                    if not re.fullmatch(pattern, normal):
                        failures.append(f"{where}: `{command}` printed something else than the doc shows.\n"
                                        f"--- the doc shows:\n" + "\n".join(output) +
                                        f"\n--- it printed:\n{actual}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{name}: {ran} command(s) run, {skipped} example(s) marked as not run, {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
