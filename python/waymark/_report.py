"""The cohort report as one HTML page a trainer opens offline: GOV.UK-like type and tables,
inline styles and SVG charts (_charts.py), nothing fetched."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import TYPE_CHECKING

from ._charts import BLUE, GREY, RED, histogram, horizontal_bars
from ._display import escape, table, tag

if TYPE_CHECKING:
    from .cohort import Cohort
    from .exercise import Score

PAGE_STYLE = ("font-family:Arial,sans-serif;color:#0b0c0c;max-width:1000px;margin:0 auto;padding:16px;"
              "line-height:1.4")
CHOSE_LATE = {"wrong_owner", "late", "too_early"}


def choices_against_policy(score: "Score", texts: dict[str, str]) -> tuple[list[str], list[str], list[str]]:
    """(chose as recommended, missed, chose though not recommended or against a prohibition),
    as the action texts a trainer reads; `texts` maps the policy's action ids to their text."""
    right = [texts.get(i, i) for i in score.correct]
    partly = [f"{f.text} ({f.kind.replace('_', ' ')})" for f in score.findings if f.kind in CHOSE_LATE]
    missed = [f"{f.text} ({f.importance})" for f in score.findings if f.kind.startswith("missed_")]
    wrong = [f.text + (" (against a prohibition)" if f.kind == "breached_prohibition" else "")
             for f in score.findings if f.kind in ("unnecessary", "breached_prohibition")]
    return right + partly, missed, wrong


def _list(items: list[str]) -> str:
    if not items:
        return "<small>none</small>"
    return "<ul style=\"margin:0;padding-left:18px\">" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def exercise_section(cohort: "Cohort", scenario_id: str) -> str:
    exercise = cohort.exercises[scenario_id]
    scores = sorted((s for s in cohort.scores if s.scenario_id == scenario_id), key=lambda s: s.trainee)
    rows = [r for r in cohort.summary() if r.scenario_id == scenario_id]
    if not scores:
        return ""
    texts = {a.id: a.text for a in exercise.policy.actions}
    out = [f"<h2>{escape(exercise.title or scenario_id)} <small>({escape(scenario_id)}, policy "
           f"{escape(exercise.policy.id)} {escape(exercise.policy.version)})</small></h2>"]
    if exercise.vignette:
        out.append(f"<p>{escape(exercise.vignette)}</p>")
    passed = sum(s.passed for s in scores)
    out.append(f"<p>{len(scores)} trainees; {passed} passed, {len(scores) - passed} did not.</p>")

    chosen = sorted(rows, key=lambda r: (not r.recommended, -r.chose))
    out.append(horizontal_bars("How many trainees chose each action (blue: recommended here; grey: not)",
                               [r.text for r in chosen], [r.chose for r in chosen], len(scores),
                               [BLUE if r.recommended else GREY for r in chosen]))
    missed = sorted((r for r in rows if r.recommended and (r.missed or r.breached)), key=lambda r: -(r.missed + r.breached))
    if missed:
        out.append(horizontal_bars("Recommended actions missed or breached, by action (red: prohibitions)",
                                   [r.text for r in missed], [r.missed + r.breached for r in missed], len(scores),
                                   [RED if r.kind == "prohibition" else BLUE for r in missed]))
    else:
        out.append("<p>No trainee missed a recommended action.</p>")
    out.append(histogram(f"Marks: how many trainees scored each range (dashed: the pass mark, {exercise.pass_mark}%)",
                         [s.percent for s in scores], 10, "% of the marks", mark=exercise.pass_mark))

    trainee_rows = []
    for s in scores:
        right, missed_texts, wrong = choices_against_policy(s, texts)
        trainee_rows.append([f"{escape(s.trainee)}<br>{tag('passed' if s.passed else 'not passed')}<br>{s.percent}%",
                             escape(s.verdict()), _list(right), _list(missed_texts), _list(wrong)])
    out.append(table("Each trainee's choices against the policy",
                     ["Trainee", "Why", "Chose, as recommended", "Missed", "Chose, not recommended"], trainee_rows))
    feedback = "".join(f"<details><summary>{escape(s.trainee)}: feedback</summary><pre style=\"white-space:pre-wrap\">"
                       f"{escape(s.feedback())}</pre></details>" for s in scores)
    out.append(feedback)
    return "\n".join(out)


def cohort_html(cohort: "Cohort") -> str:
    sections = [exercise_section(cohort, scenario_id) for scenario_id in cohort.exercises]
    trainees = len({s.trainee for s in cohort.scores})
    by_result = defaultdict(int)
    for s in cohort.scores:
        by_result[s.passed] += 1
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Cohort report</title></head>"
            f"<body style=\"{PAGE_STYLE}\"><h1>Cohort report</h1>"
            f"<p>{trainees} trainees, {len(cohort.exercises)} exercises, {len(cohort.scores)} scores: "
            f"{by_result[True]} passed, {by_result[False]} not passed. Made by Waymark on "
            f"{datetime.date.today().isoformat()}. The scoring rules are in Waymark's docs/scenarios.md.</p>"
            + "\n".join(s for s in sections if s) + "</body></html>\n")
