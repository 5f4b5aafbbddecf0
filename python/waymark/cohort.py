"""Cohort reports: many trainees' choices for one or more exercises, summarised per action.

Responses come from scenario files (``[[scenario.response]]``), from a CSV file with the columns
``trainee,scenario,action,owner,urgency`` (one row per choice; a row with no action records a
trainee who chose nothing), or from Python. See docs/scenarios.md.
"""

from __future__ import annotations

import csv
import io
import os
import pathlib
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, TextIO, Union

from .exercise import ChoiceLike, Exercise, Score

CSV_COLUMNS = ["trainee", "scenario", "action", "owner", "urgency"]


@dataclass
class ActionSummary:
    """How a cohort did on one action (or distractor) of one exercise."""

    scenario_id: str
    id: str
    text: str
    kind: str
    """step, prohibition, flag, or distractor."""
    recommended: bool
    """Whether the policy recommends it in this exercise."""
    trainees: int = 0
    chose: int = 0
    missed: int = 0
    """Recommended, and not chosen."""
    breached: int = 0
    """For a prohibition: trainees who chose something that goes against it."""
    wrong_owner: int = 0
    wrong_timescale: int = 0
    unnecessary: int = 0
    """Not recommended here, and chosen."""


REPORT_COLUMNS = ["scenario", "action", "kind", "recommended", "trainees", "chose", "missed", "breached",
                  "wrong_owner", "wrong_timescale", "unnecessary", "text"]


class Cohort:
    """The scores of many trainees on a set of exercises: one score per trainee and exercise."""

    def __init__(self, exercises: Iterable[Exercise]) -> None:
        self.exercises: dict[str, Exercise] = {}
        for e in exercises:
            if e.id in self.exercises:
                # Keeping either would silently score trainees against the wrong case.
                raise ValueError(f"two exercises have the id '{e.id}' (policies '{self.exercises[e.id].policy.id}' "
                                 f"and '{e.policy.id}'): exercise ids must be unique across a cohort's files")
            self.exercises[e.id] = e
        self.scores: list[Score] = []

    def add(self, trainee: str, scenario_id: str, choices: Iterable[ChoiceLike], *, replace: bool = False) -> Score:
        """Scores one trainee's choices for one exercise and keeps the score. A trainee who
        already has a score for the exercise is a ValueError unless `replace` is True (then the
        new score takes the old one's place)."""
        score = self._score(trainee, scenario_id, choices)
        self._keep([score], replace)
        return score

    def _score(self, trainee: str, scenario_id: str, choices: Iterable[ChoiceLike]) -> Score:
        if scenario_id not in self.exercises:
            raise KeyError(f"no exercise '{scenario_id}' (have: {', '.join(self.exercises) or 'none'})")
        return self.exercises[scenario_id].score(choices, trainee)

    def _keep(self, scores: list[Score], replace: bool) -> None:
        # All or nothing: a clash found half way must not leave half a file added.
        index = {(s.trainee, s.scenario_id): i for i, s in enumerate(self.scores)}
        seen = set()
        for score in scores:
            key = (score.trainee, score.scenario_id)
            if key in seen or (key in index and not replace):
                raise ValueError(f"trainee '{score.trainee}' already has a score for '{score.scenario_id}' "
                                 "(pass replace=True to replace it)")
            seen.add(key)
        for score in scores:
            key = (score.trainee, score.scenario_id)
            if key in index:
                self.scores[index[key]] = score
            else:
                index[key] = len(self.scores)
                self.scores.append(score)

    def add_file_responses(self, *, replace: bool = False) -> None:
        """Adds the responses written in the exercises' scenario files (see :meth:`add` for
        `replace`)."""
        self._keep([self._score(r.trainee, e.id, r.choices) for e in self.exercises.values() for r in e.responses],
                   replace)

    def add_csv(self, source: Union[str, os.PathLike, TextIO], *, replace: bool = False) -> None:
        """Adds responses from CSV with the columns trainee,scenario,action,owner,urgency (in any
        order and case; a byte order mark, as Excel's "CSV UTF-8" writes, is fine). Nothing is
        added if any row is wrong. See :meth:`add` for `replace`."""
        if isinstance(source, (str, os.PathLike)):
            with open(source, newline="", encoding="utf-8-sig") as file:
                return self.add_csv(file, replace=replace)
        reader = csv.DictReader(source)
        if reader.fieldnames:
            reader.fieldnames = [(name or "").lstrip("\ufeff").strip().lower() for name in reader.fieldnames]
        missing = {"trainee", "scenario", "action"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"the responses CSV needs the columns {', '.join(CSV_COLUMNS)} (missing {', '.join(sorted(missing))})")
        grouped: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for number, row in enumerate(reader, start=2):
            if not row["trainee"] or not row["scenario"]:
                raise ValueError(f"line {number}: every row names a trainee and a scenario")
            choices = grouped[(row["trainee"].strip(), row["scenario"].strip())]
            if row["action"] and row["action"].strip():
                choices.append({"action": row["action"].strip(), "owner": (row.get("owner") or "").strip(),
                                "urgency": (row.get("urgency") or "").strip()})
        self._keep([self._score(trainee, scenario_id, choices) for (trainee, scenario_id), choices in grouped.items()],
                   replace)

    def summary(self) -> list[ActionSummary]:
        """Per exercise, per action and distractor: how many trainees chose it, missed it,
        breached it, gave the wrong owner or timescale, or chose it when it was not needed."""
        rows: dict[tuple[str, str], ActionSummary] = {}
        for exercise in self.exercises.values():
            for action in exercise.policy.actions:
                recommended = action.id in exercise.outcome
                rows[(exercise.id, action.id)] = ActionSummary(exercise.id, action.id, action.text, action.kind,
                                                               recommended)
            for d in exercise.distractors:
                rows[(exercise.id, d["id"])] = ActionSummary(exercise.id, d["id"], d["text"], "distractor", False)
        trainees = defaultdict(set)
        for score in self.scores:
            trainees[score.scenario_id].add(score.trainee)
            for action_id in score.correct:
                rows[(score.scenario_id, action_id)].chose += 1
            for finding in score.findings:
                row = rows[(score.scenario_id, finding.id)]
                if finding.kind.startswith("missed_"):
                    row.missed += 1
                elif finding.kind == "breached_prohibition":
                    row.chose += 1
                    breached = self.exercises[score.scenario_id].distractors
                    target = next(d["breaches"] for d in breached if d["id"] == finding.id)
                    rows[(score.scenario_id, target)].breached += 1
                elif finding.kind == "wrong_owner":
                    row.wrong_owner += 1
                elif finding.kind in ("late", "too_early"):
                    row.wrong_timescale += 1
                elif finding.kind == "unnecessary":
                    row.chose += 1
                    row.unnecessary += 1
            # An action chosen with the wrong owner or timescale was still chosen.
            for action_id in {f.id for f in score.findings if f.kind in ("wrong_owner", "late", "too_early")}:
                rows[(score.scenario_id, action_id)].chose += 1
        for row in rows.values():
            row.trainees = len(trainees[row.scenario_id])
        return [r for r in rows.values() if r.trainees and (r.recommended or r.chose or r.breached)]

    def to_csv(self, target: Union[str, os.PathLike, TextIO, None] = None, *, overwrite: bool = False) -> str:
        """The summary as CSV (one row per exercise and action); written to `target` if given.
        An existing file is a FileExistsError unless `overwrite` is True."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(REPORT_COLUMNS)
        for r in self.summary():
            writer.writerow([r.scenario_id, r.id, r.kind, "yes" if r.recommended else "no", r.trainees, r.chose,
                             r.missed, r.breached, r.wrong_owner, r.wrong_timescale, r.unnecessary, r.text])
        return _write(out.getvalue(), target, overwrite)

    def to_markdown(self, target: Union[str, os.PathLike, TextIO, None] = None, *, overwrite: bool = False) -> str:
        """The summary and each trainee's points as Markdown; written to `target` if given.
        An existing file is a FileExistsError unless `overwrite` is True."""
        lines = ["# Cohort report", ""]
        by_scenario = defaultdict(list)
        for r in self.summary():
            by_scenario[r.scenario_id].append(r)
        for scenario_id, rows in by_scenario.items():
            exercise = self.exercises[scenario_id]
            lines += [f"## {exercise.title or scenario_id} ({scenario_id}, policy {exercise.policy.id})", "",
                      f"{rows[0].trainees} trainees.", "",
                      "| Action | Kind | Recommended | Chose | Missed | Breached | Wrong owner | Wrong timescale | Not needed |",
                      "|---|---|---|---|---|---|---|---|---|"]
            for r in sorted(rows, key=lambda r: (-r.breached, -r.missed, not r.recommended)):
                lines.append(f"| {_cell(r.text)} (`{r.id}`) | {r.kind} | {'yes' if r.recommended else 'no'} | {r.chose} "
                             f"| {r.missed} | {r.breached} | {r.wrong_owner} | {r.wrong_timescale} | {r.unnecessary} |")
            lines.append("")
        lines += ["## Trainees", "", "| Trainee | Exercise | Marks | Penalty points | Passed | Why |",
                  "|---|---|---|---|---|---|"]
        for s in sorted(self.scores, key=lambda s: (s.trainee, s.scenario_id)):
            lines.append(f"| {_cell(s.trainee)} | {s.scenario_id} | {s.percent}% (pass {s.pass_mark}%) | {s.points} "
                         f"| {'yes' if s.passed else 'no'} | {_cell(s.verdict())} |")
        return _write("\n".join(lines) + "\n", target, overwrite)

    def to_dict(self) -> dict:
        """The cohort as plain data (JSON-ready): the exercises, every score, and the per-action summary."""
        return {
            "exercises": [{"id": e.id, "title": e.title, "policy": e.policy.id, "policy_version": e.policy.version}
                          for e in self.exercises.values()],
            "scores": [s.to_dict() for s in self.scores],
            "summary": [dict(vars(r)) for r in self.summary()],
        }

    def to_dataframe(self):
        """One row per trainee and exercise: points, passed, findings by severity, the worst
        finding (needs pandas; to_dict() gives the same without it)."""
        from ._display import dataframe

        return dataframe([_trainee_row(s) for s in self.scores], TRAINEE_COLUMNS)

    def _repr_html_(self) -> str:
        from ._display import escape, table, tag

        trainees = [[escape(s.trainee), escape(s.scenario_id), f"{s.percent}% <small>(pass {s.pass_mark}%)</small>",
                     tag("passed" if s.passed else "not passed"), escape(s.verdict())]
                    for s in sorted(self.scores, key=lambda s: (s.scenario_id, s.trainee))]
        actions = [[escape(r.text) + f" <small>({escape(r.id)})</small>", tag(r.kind), "yes" if r.recommended else "no",
                    escape(r.chose), escape(r.missed), escape(r.breached)]
                   for r in sorted(self.summary(), key=lambda r: (r.scenario_id, -r.breached, -r.missed))]
        return (table(repr(self).strip("<>"), ["Trainee", "Exercise", "Marks", "Result", "Why"],
                      trainees)
                + table("By action", ["Action", "Kind", "Recommended", "Chose", "Missed", "Breached"], actions))

    def to_trainee_csv(self, target: Union[str, os.PathLike, TextIO, None] = None, *,
                       overwrite: bool = False) -> str:
        """One row per trainee and exercise (TRAINEE_COLUMNS); written to `target` if given.
        An existing file is a FileExistsError unless `overwrite` is True."""
        out = io.StringIO()
        writer = csv.DictWriter(out, TRAINEE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for score in sorted(self.scores, key=lambda s: (s.scenario_id, s.trainee)):
            writer.writerow(_trainee_row(score))
        return _write(out.getvalue(), target, overwrite)

    def to_html(self, target: Union[str, os.PathLike, TextIO, None] = None, *, overwrite: bool = False) -> str:
        """The cohort report as one self-contained HTML page (inline styles and SVG charts, nothing
        fetched): per exercise, how many trainees chose each action, missed recommended actions,
        the distribution of penalty points, and each trainee's choices against the policy.
        Written to `target` if given; an existing file is a FileExistsError unless `overwrite`."""
        from ._report import cohort_html

        return _write(cohort_html(self), target, overwrite)

    def write_reports(self, folder: Union[str, os.PathLike], *, overwrite: bool = False) -> list[pathlib.Path]:
        """Writes the reports into `folder`: cohort.html, cohort.md, cohort.csv (per action) and
        cohort-trainees.csv (per trainee). Returns their paths. An existing file is a
        FileExistsError unless `overwrite` is True."""
        folder = pathlib.Path(folder)
        written = []
        for name, write in (("cohort.html", self.to_html), ("cohort.md", self.to_markdown),
                            ("cohort.csv", self.to_csv), ("cohort-trainees.csv", self.to_trainee_csv)):
            write(folder / name, overwrite=overwrite)
            written.append(folder / name)
        return written

    def __repr__(self) -> str:
        trainees = len({s.trainee for s in self.scores})
        return f"<Cohort {len(self.exercises)} exercises, {trainees} trainees, {len(self.scores)} scores>"


TRAINEE_COLUMNS = ["trainee", "scenario", "percent", "pass_mark", "passed", "why", "points", "critical", "major",
                   "minor", "worst_finding"]


def _trainee_row(score: Score) -> dict:
    severities = [f.severity for f in score.findings]
    return {"trainee": score.trainee, "scenario": score.scenario_id, "percent": score.percent,
            "pass_mark": score.pass_mark, "passed": score.passed, "why": score.verdict(), "points": score.points,
            "critical": severities.count("critical"), "major": severities.count("major"),
            "minor": severities.count("minor"), "worst_finding": score.findings[0].message if score.findings else ""}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _write(text: str, target, overwrite: bool) -> str:
    if target is None:
        return text
    if isinstance(target, (str, os.PathLike)):
        # Like records: never replace a report unless asked ("x" refuses an existing file).
        try:
            with open(target, "w" if overwrite else "x", encoding="utf-8", newline="") as file:
                file.write(text)
        except FileExistsError as error:
            raise FileExistsError(error.errno, "the file already exists (pass overwrite=True to replace it)",
                                  str(target)) from None
    else:
        target.write(text)
    return text
