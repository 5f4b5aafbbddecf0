"""python -m waymark: the waymark command, from wherever this package is installed.

    python -m waymark                      choose a policy and walk through it, in the terminal
    python -m waymark COMMAND ...          any waymark command (list, run, lint, test, serve...)
    python -m waymark exercise SCENARIOS.toml [RESPONSES.csv] [--out FOLDER] [--overwrite]
                                           score trainees' choices in an exercise (docs/python.md)

The command is the one installed with this package: inside a wheel, beside it in the same
prefix (cmake --install, the Debian package), or the build tree's; else `waymark` on PATH.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import sys
from typing import Optional, Sequence

USAGE = __doc__.split("\n\n")[1]


def waymark_command() -> Optional[str]:
    """The waymark executable that belongs with this package, or None."""
    package = pathlib.Path(__file__).resolve().parent
    candidates = [
        package / "bin" / "waymark",  # a wheel: the package folder is the prefix
        package.parents[3] / "bin" / "waymark",  # <prefix>/lib/python3/dist-packages/waymark
        package.parents[1] / "waymark",  # the build tree: build/python/waymark
    ]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("waymark")


def choose_policy(stdin=sys.stdin, stdout=sys.stdout) -> Optional[str]:
    """Lists the policies on the search path and asks which to walk through; None to stop."""
    from . import PolicyRegistry

    registry = PolicyRegistry.from_search_path()
    policies = sorted(registry, key=lambda p: p.title)
    if not policies:
        print("No policies found: see `python -m waymark list`.", file=stdout)
        return None
    print("Which policy do you want to walk through?", file=stdout)
    for number, policy in enumerate(policies, start=1):
        print(f"  {number}. {policy.title} ({policy.id})", file=stdout)
    while True:
        print("Type its number, or q to stop.\n> ", end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line or line.strip().lower() in {"q", "quit"}:
            return None
        text = line.strip()
        if text.isdigit() and 1 <= int(text) <= len(policies):
            return policies[int(text) - 1].id
        if text in registry:
            return text
        print(f"'{text}' is not one of the numbers 1 to {len(policies)}.", file=stdout)


def exercise(argv: Sequence[str]) -> int:
    """Scores an exercise: the trainees' responses in the scenario file, or those in a CSV."""
    from . import Cohort, Exercise

    overwrite = "--overwrite" in argv
    args = [a for a in argv if a != "--overwrite"]
    out = None
    if "--out" in args:
        at = args.index("--out")
        if at + 1 >= len(args):
            print("waymark exercise: --out needs a folder", file=sys.stderr)
            return 2
        out = pathlib.Path(args[at + 1])
        del args[at : at + 2]
    if len(args) not in (1, 2) or any(a.startswith("-") for a in args):
        print("usage: python -m waymark exercise SCENARIOS.toml [RESPONSES.csv] [--out FOLDER] [--overwrite]",
              file=sys.stderr)
        return 2
    exercises = Exercise.load(args[0])
    for ex in exercises:
        for failure in ex.failures:  # the policy changed under the exercise: say so first
            print(failure, file=sys.stderr)
    cohort = Cohort(exercises)
    if len(args) == 2:
        cohort.add_csv(args[1])
    else:
        cohort.add_file_responses()
    if not cohort.scores:
        print(f"{args[0]}: no trainee responses to score (give a CSV of them)", file=sys.stderr)
        return 2
    for score in cohort.scores:
        print(score.feedback())
        print()
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        written = cohort.write_reports(out, overwrite=overwrite)
        print("Wrote " + ", ".join(str(p) for p in written))
    return 0


def main(argv: Sequence[str]) -> int:
    if argv and argv[0] in {"-h", "--help"} and len(argv) == 1:
        print(USAGE)
        return 0
    if argv and argv[0] == "exercise":
        from . import Error

        try:
            return exercise(argv[1:])
        except (OSError, ValueError, Error) as error:  # waymark's errors name the file and line
            print(f"waymark exercise: error: {error}", file=sys.stderr)
            return 2
    command = waymark_command()
    if command is None:
        print("waymark: the waymark command is not installed with this package, nor on PATH", file=sys.stderr)
        return 1
    if not argv:
        policy = choose_policy()
        if policy is None:
            return 0
        argv = ["run", policy]
    sys.stdout.flush()
    os.execv(command, [command, *argv])
    return 1  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
