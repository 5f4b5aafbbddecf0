"""Trainer exercises: a scenario run through its policy, and a trainee's choices scored against it.

The scoring rules are in docs/scenarios.md. In short: choosing something that goes against a
prohibition the policy recommends (closing a case that must not be closed) scores worst; then a
missed prohibition, a missed step, a missed flag; then the wrong owner or timescale and choosing
what the policy does not recommend here. Each finding carries the policy's rationale and source,
so the feedback teaches why. Each recommended action is essential, expected or optional, worth
marks accordingly; a trainee passes with nothing essential missed, no prohibition breached, at
most one unnecessary choice and at least the exercise's pass mark, and the verdict says which.
"""

from __future__ import annotations

import datetime
import os
import pathlib
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Optional, Sequence, Union

from . import _core
from ._errors import AnswerError

# Penalty points per finding, and how serious each is (see docs/scenarios.md).
POINTS = {
    "breached_prohibition": 10,
    "missed_prohibition": 5,
    "missed_step": 3,
    "missed_flag": 2,
    "late": 2,
    "wrong_owner": 1,
    "too_early": 1,
    "unnecessary": 1,
}
SEVERITY = {
    "breached_prohibition": "critical",
    "missed_prohibition": "critical",
    "missed_step": "major",
    "missed_flag": "major",
    "late": "minor",
    "wrong_owner": "minor",
    "too_early": "minor",
    "unnecessary": "minor",
}
MISSED = {"prohibition": "missed_prohibition", "step": "missed_step", "flag": "missed_flag"}
# How much each recommended action matters (docs/scenarios.md): its marks, and what missing it
# costs. A scenario file's [scenario.importance] overrides the default (default_importance).
IMPORTANCE_MARKS = {"essential": 3, "expected": 2, "optional": 1}
MISSED_BY_IMPORTANCE = {"essential": ("critical", 5), "optional": ("minor", 1)}  # expected: by kind
# Urgencies that make an action essential by default: it has to happen now.
URGENT = {"immediate", "same_shift", "same_day"}
# The percentage of the marks a trainee needs, unless the scenario file sets pass_mark.
DEFAULT_PASS_MARK = 70


def default_importance(kind: str, urgency: str) -> str:
    """An action's importance when the exercise does not set it: a prohibition, or anything due
    now (immediately, this shift, today), is essential; everything else the policy recommends is
    expected. Exercises mark menus of options ("strategies to consider") optional themselves."""
    if kind == "prohibition" or urgency in URGENT:
        return "essential"
    return "expected"
# Findings are listed worst first: by severity, then by points.
SEVERITY_ORDER = {"critical": 0, "major": 1, "minor": 2}
# A cautious trainee may do one thing more than the policy asks and still pass; more than that
# fails, or choosing everything on the menu would pass every exercise.
UNNECESSARY_ALLOWED = 1

ChoiceLike = Union[str, Mapping[str, str], "_core.Choice", "TraineeChoice"]


@dataclass(frozen=True)
class TraineeChoice:
    """One thing a trainee chose: an action or distractor id, and optionally who owns it and by
    when (an urgency as written in policies: 'immediate', 'within 5 days'...)."""

    id: str
    owner: Optional[str] = None
    urgency: Optional[str] = None

    @classmethod
    def of(cls, choice: ChoiceLike) -> "TraineeChoice":
        if isinstance(choice, TraineeChoice):
            return choice
        if isinstance(choice, str):
            return cls(choice)
        if isinstance(choice, Mapping):
            unknown = set(choice) - {"action", "owner", "urgency"}
            if unknown or "action" not in choice:
                raise ValueError(f"a choice is {{'action': id, 'owner': ..., 'urgency': ...}}, not {dict(choice)!r}")
            for key in ("action", "owner", "urgency"):
                if choice.get(key) is not None and not isinstance(choice[key], str):
                    raise TypeError(f"a choice's {key!r} is a str, not {type(choice[key]).__name__}")
            return cls(choice["action"], choice.get("owner") or None, choice.get("urgency") or None)
        if isinstance(choice, _core.Choice):  # read from a scenario file
            return cls(choice.id, choice.owner, choice.urgency)
        raise TypeError(
            "a choice is an action or distractor id (a str), a dict {'action': id, 'owner': ..., 'urgency': ...}, "
            f"a waymark.Choice or a TraineeChoice, not {type(choice).__name__}")


@dataclass(frozen=True)
class Finding:
    """One difference between a trainee's choices and the policy's outcome."""

    kind: str
    """breached_prohibition, missed_prohibition, missed_step, missed_flag, late, wrong_owner,
    too_early or unnecessary."""
    id: str
    """The action (or distractor) concerned."""
    text: str
    message: str
    """What went wrong, in a trainer's words."""
    why: str = ""
    """The policy's rationale."""
    source: str = ""
    """Where the policy says so."""
    importance: str = ""
    """For a recommended action: 'essential', 'expected' or 'optional'."""

    @property
    def points(self) -> int:
        """Penalty points for this finding (see docs/scenarios.md): by its kind, and for a missed
        action by its importance."""
        if self.kind.startswith("missed_") and self.importance in MISSED_BY_IMPORTANCE:
            return MISSED_BY_IMPORTANCE[self.importance][1]
        return POINTS[self.kind]

    @property
    def severity(self) -> str:
        """'critical', 'major' or 'minor'."""
        if self.kind.startswith("missed_") and self.importance in MISSED_BY_IMPORTANCE:
            return MISSED_BY_IMPORTANCE[self.importance][0]
        return SEVERITY[self.kind]

    def __str__(self) -> str:
        out = f"[{self.severity}, {self.points}] {self.message}"
        if self.why:
            out += f" Why: {self.why}"
        if self.source:
            out += f" (Source: {self.source})"
        return out


@dataclass
class Score:
    """A trainee's choices for one exercise, scored against the policy's outcome."""

    scenario_id: str
    trainee: str
    findings: list[Finding] = field(default_factory=list)
    """Worst first."""
    correct: list[str] = field(default_factory=list)
    """Recommended actions chosen with the right owner and timescale."""
    marks: int = 0
    """Marks earned: each recommended action chosen earns its importance's marks
    (IMPORTANCE_MARKS), one fewer with the wrong owner or timescale; each unnecessary choice
    beyond the one allowed costs a mark."""
    marks_available: int = 0
    """The marks of the essential and expected actions recommended (optional ones are extra)."""
    pass_mark: int = DEFAULT_PASS_MARK
    """The percentage of the marks needed to pass."""

    @property
    def percent(self) -> int:
        """Marks earned as a whole percentage of those available, at most 100 (optional actions
        chosen are extra credit); 100 when nothing is recommended."""
        return 100 if self.marks_available == 0 else min(100, round(100 * self.marks / self.marks_available))

    def reasons(self) -> list[str]:
        """Why the trainee did not pass, in words, worst first; empty when they passed."""
        out = []
        for f in self.findings:
            if f.kind == "breached_prohibition":
                out.append(f"chose \"{f.text}\", which goes against a prohibition")
            elif f.kind.startswith("missed_") and f.importance == "essential":
                out.append(f"missed the {f.kind.removeprefix('missed_')} \"{f.text}\" (essential)")
        if self.unnecessary > UNNECESSARY_ALLOWED:
            out.append(f"{self.unnecessary} choices the policy does not recommend here (more than "
                       f"{UNNECESSARY_ALLOWED} is an unnecessary escalation)")
        if self.percent < self.pass_mark:
            out.append(f"{self.percent}% of the marks, below the pass mark of {self.pass_mark}%")
        return out

    def verdict(self) -> str:
        """One sentence: passed or not, and why."""
        reasons = self.reasons()
        if not reasons:
            missed = [f.importance for f in self.findings if f.kind.startswith("missed_")]
            counts = [f"{missed.count(level)} {level}" for level in ("expected", "optional") if missed.count(level)]
            return (f"Passed with {self.percent}% of the marks (pass mark {self.pass_mark}%): no essential action "
                    f"missed" + (f"; missed {' and '.join(counts)}." if counts else "."))
        return "Not passed: " + "; ".join(reasons) + "."

    @property
    def points(self) -> int:
        """Penalty points: 0 means the choices match what the policy recommends."""
        return sum(f.points for f in self.findings)

    @property
    def unnecessary(self) -> int:
        """How many choices the policy does not recommend here (unnecessary escalations)."""
        return sum(f.kind == "unnecessary" for f in self.findings)

    @property
    def passed(self) -> bool:
        """Nothing essential missed, no prohibition breached, no more than one unnecessary choice
        (UNNECESSARY_ALLOWED: doing everything is not safe practice either), and at least the
        pass mark: see reasons() for which failed."""
        return not self.reasons()

    def feedback(self) -> str:
        """The verdict and the findings as plain text for the trainee, worst first."""
        who = f"{self.trainee}: " if self.trainee else ""
        if not self.findings:
            return f"{who}{self.scenario_id}: your choices match what the policy recommends.\n"
        lines = [f"{who}{self.scenario_id}: {self.percent}% of the marks, {self.points} penalty points, "
                 f"{'passed' if self.passed else 'not passed'}.", self.verdict()]
        lines += [f"- {finding}" for finding in self.findings]
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict:
        """The score as plain data (JSON-ready): who, which exercise, the points, whether passed,
        the actions chosen correctly and each finding with its severity, points and reasons."""
        return {
            "trainee": self.trainee,
            "scenario": self.scenario_id,
            "percent": self.percent,
            "marks": self.marks,
            "marks_available": self.marks_available,
            "pass_mark": self.pass_mark,
            "passed": self.passed,
            "reasons": self.reasons(),
            "points": self.points,
            "correct": list(self.correct),
            "findings": [{"kind": f.kind, "severity": f.severity, "importance": f.importance, "points": f.points,
                          "id": f.id, "text": f.text, "message": f.message, "why": f.why, "source": f.source}
                         for f in self.findings],
        }

    def _repr_html_(self) -> str:
        from ._display import escape, table, tag

        verdict = "passed" if self.passed else "not passed"
        caption = (f"{self.trainee + ': ' if self.trainee else ''}{self.scenario_id}, {self.percent}% of the marks, "
                   f"{self.points} penalty points")
        rows = [[tag(f.severity), escape(f.points), escape(f.message) + (f"<br><small>Why: {escape(f.why)}</small>"
                                                                         if f.why else "")]
                for f in self.findings]
        if not rows:
            rows = [[tag("passed"), "0", "The choices match what the policy recommends."]]
        return f"<p>{tag(verdict)} {escape(self.verdict())}</p>" + table(caption, ["Severity", "Points", "Finding"], rows)

    def __repr__(self) -> str:
        return f"<Score {self.trainee or '-'} {self.scenario_id}: {self.points} points, {len(self.findings)} findings>"


class Exercise:
    """A scenario for trainees: a vignette, the answers a careful practitioner would give, the
    policy's outcome for them, and tempting wrong choices (distractors).

    Load the exercises of a scenario file with :meth:`load`, or script one with :meth:`create`.
    """

    def __init__(
        self,
        policy: _core.Policy,
        outcome: _core.Outcome,
        *,
        id: str,
        title: str = "",
        vignette: str = "",
        answers: Optional[Mapping[str, object]] = None,
        distractors: Sequence[_core.Distractor | Mapping[str, str]] = (),
        responses: Sequence[_core.Response] = (),
        failures: Sequence[_core.Diagnostic] = (),
        importance: Optional[Mapping[str, str]] = None,
        pass_mark: Optional[int] = None,
    ) -> None:
        if not isinstance(policy, _core.Policy):
            raise TypeError(f"policy must be a waymark.Policy, not {type(policy).__name__}")
        if not isinstance(outcome, _core.Outcome):
            raise TypeError(f"outcome must be a waymark.Outcome, not {type(outcome).__name__}")
        self.policy = policy
        self.outcome = outcome
        self.id = id
        self.title = title
        self.vignette = vignette
        self.answers = dict(answers or {})
        self.distractors = [_distractor(d) for d in distractors]
        self.responses = list(responses)
        self.failures = list(failures)
        """Expectations in the scenario file that the outcome does not meet (a board's test failures)."""
        self.pass_mark = DEFAULT_PASS_MARK if pass_mark is None else pass_mark
        """The percentage of the marks a trainee needs to pass."""
        if not isinstance(self.pass_mark, int) or not 0 <= self.pass_mark <= 100:
            raise ValueError(f"pass_mark is a whole percentage from 0 to 100, not {pass_mark!r}")
        overrides = dict(importance or {})
        for action_id, level in overrides.items():
            policy.action(action_id)  # raises for an id that is not one of the policy's actions
            if level not in IMPORTANCE_MARKS:
                raise ValueError(f"the importance of '{action_id}' is 'essential', 'expected' or 'optional', "
                                 f"not {level!r}")
        self.importance = {a.id: overrides.get(a.id, default_importance(a.kind, a.urgency)) for a in policy.actions}
        """Every action's importance: the exercise's own, else the default from its kind and urgency."""
        for d in self.distractors:
            if d["id"] in {a.id for a in policy.actions}:
                raise ValueError(f"distractor '{d['id']}' has the id of one of the policy's actions")
            if d["breaches"] and policy.action(d["breaches"]).kind != "prohibition":
                raise ValueError(f"distractor '{d['id']}' breaches '{d['breaches']}', which is not a prohibition")

    @classmethod
    def create(
        cls,
        policy: _core.Policy,
        answers: Mapping[str, object],
        *,
        id: str,
        date: Optional[Union[datetime.date, str]] = None,
        title: str = "",
        vignette: str = "",
        distractors: Sequence[Mapping[str, str]] = (),
        events: Optional[Sequence[_core.Event]] = None,
        importance: Optional[Mapping[str, str]] = None,
        pass_mark: Optional[int] = None,
    ) -> "Exercise":
        """Scripts an exercise from Python. `distractors` are dicts with 'id', 'text' and
        optionally 'breaches' (a prohibition's id); `events` the case's chronology; `importance`
        overrides actions' importance ('essential', 'expected', 'optional'); `pass_mark` is a
        percentage (default DEFAULT_PASS_MARK)."""
        outcome = _core.evaluate(policy, answers, date, events=events)
        return cls(policy, outcome, id=id, title=title, vignette=vignette, answers=answers, distractors=distractors,
                   importance=importance, pass_mark=pass_mark)

    @classmethod
    def load(
        cls,
        path: Union[str, os.PathLike],
        policies: Union[_core.Policy, _core.PolicyRegistry, None] = None,
    ) -> list["Exercise"]:
        """The exercises of a scenario file. The policy is `policies` if it is one, else found by
        the file's policy id in `policies` (a PolicyRegistry), else on the search path with the
        file's own folder first. Raises PolicyError (with the line) if the file does not fit it."""
        path = pathlib.Path(path)
        scenarios = _core.load_scenarios(path)
        policy = _resolve(scenarios.policy_id, policies, path)
        problems = scenarios.check(policy)
        if problems:
            from ._errors import PolicyError

            raise PolicyError("\n".join(str(p) for p in problems), problems)
        exercises = []
        for scenario in scenarios:
            run = scenarios.run(scenario.id, policy)
            exercises.append(
                cls(
                    policy,
                    run.outcome,
                    id=scenario.id,
                    title=scenario.title,
                    vignette=scenario.vignette,
                    answers=scenario.answers,
                    distractors=scenario.distractors,
                    responses=scenario.responses,
                    failures=run.failures,
                    importance=scenario.importance,
                    pass_mark=scenario.pass_mark,
                )
            )
        return exercises

    @property
    def date(self) -> datetime.date:
        return self.outcome.date

    def menu(self) -> list[tuple[str, str]]:
        """Every choice to offer a trainee, as (id, text): the policy's actions and the
        distractors, in a fixed order that does not give the answer away (by text)."""
        choices = [(a.id, a.text) for a in self.policy.actions]
        choices += [(d["id"], d["text"]) for d in self.distractors]
        return sorted(choices, key=lambda c: c[1].lower())

    def score(self, choices: Iterable[ChoiceLike], trainee: str = "") -> Score:
        """Scores a trainee's choices: a list of ids of actions or distractors, or dicts / Choices
        that also give the owner and urgency. Raises AnswerError for an id that is neither,
        ValueError for an owner that is not a role of the policy, a misspelt urgency or an id
        chosen twice, and TypeError for a choice that is not one of those types (or a str given
        instead of a list)."""
        if isinstance(choices, (str, bytes, Mapping)):
            raise TypeError(f"choices are a list of choices, not a single {type(choices).__name__}: "
                            f"write [{choices!r}]")
        chosen: dict[str, TraineeChoice] = {}
        distractors = {d["id"]: d for d in self.distractors}
        action_ids = {a.id for a in self.policy.actions}
        roles = self.policy.roles
        for raw in choices:
            choice = TraineeChoice.of(raw)
            if choice.id not in distractors and choice.id not in action_ids:
                raise AnswerError(
                    f"{choice.id}: neither an action of policy '{self.policy.id}' nor a distractor of '{self.id}'",
                    choice.id,
                    "neither an action of the policy nor a distractor of the exercise",
                )
            if choice.owner is not None and choice.owner not in roles:
                raise ValueError(f"{choice.id}: owner '{choice.owner}' is not a role of policy '{self.policy.id}' "
                                 f"(its roles: {', '.join(roles)})")
            if choice.urgency is not None:
                _core.Urgency.parse(choice.urgency)  # ValueError for a misspelt urgency
            if choice.id in chosen:
                raise ValueError(f"{choice.id}: chosen twice (give each action or distractor once)")
            chosen[choice.id] = choice

        score = Score(self.id, trainee, pass_mark=self.pass_mark)
        optional_recommended = False
        breached = set()
        for choice in chosen.values():
            d = distractors.get(choice.id)
            if d and d["breaches"]:
                # The exercise's author says this choice goes against the prohibition, whether or
                # not it is recommended here: a rule about closing binds a trainee who chooses to
                # close even when nobody was considering it.
                prohibition = self.policy.action(d["breaches"])
                breached.add(prohibition.id)
                score.findings.append(
                    Finding("breached_prohibition", d["id"], d["text"],
                            f"You chose \"{d['text']}\", but the policy says: {prohibition.text}",
                            prohibition.why, prohibition.source))
            elif d:
                score.findings.append(
                    Finding("unnecessary", d["id"], d["text"],
                            f"You chose \"{d['text']}\", which the policy does not recommend here."))
            elif choice.id not in self.outcome:
                action = self.policy.action(choice.id)
                score.findings.append(
                    Finding("unnecessary", action.id, action.text,
                            f"You chose \"{action.text}\", which the policy does not recommend given these "
                            "answers.",
                            action.why, action.source))

        for rec in self.outcome:
            importance = self.importance[rec.id]
            marks = IMPORTANCE_MARKS[importance]
            # Optional actions are a menu to choose from: each one chosen is extra credit, never
            # a mark a trainee must earn.
            if importance != "optional":
                score.marks_available += marks
            else:
                optional_recommended = True
            choice = chosen.get(rec.id)
            if choice is None:
                if rec.id not in breached:
                    score.findings.append(
                        Finding(MISSED[rec.kind], rec.id, rec.text,
                                f"Missed the {rec.kind} \"{rec.text}\" ({importance}; {rec.owner_title}, "
                                f"{rec.urgency_label.lower()}).",
                                rec.why, rec.source, importance))
                continue
            right = True
            if choice.owner is not None and choice.owner != rec.owner:
                right = False
                score.findings.append(
                    Finding("wrong_owner", rec.id, rec.text,
                            f"\"{rec.text}\" is for {rec.owner_title} ({rec.owner}), not {choice.owner}.",
                            rec.why, rec.source))
            # A source that gives no timescale cannot make a trainee's timescale wrong.
            if choice.urgency is not None and rec.urgency != "not_stated":
                given, wanted = _core.Urgency.parse(choice.urgency), _core.Urgency.parse(rec.urgency)
                if given.rank != wanted.rank:
                    right = False
                    kind = "late" if given.rank > wanted.rank else "too_early"
                    score.findings.append(
                        Finding(kind, rec.id, rec.text,
                                f"\"{rec.text}\" is due {wanted.label.lower()}, not {given.label.lower()}.",
                                rec.why, rec.source))
            if right:
                score.correct.append(rec.id)
            # Chosen, if with the wrong owner or timescale: most of the marks, not all.
            score.marks += marks if right else marks - 1
        score.marks = max(0, score.marks - max(0, score.unnecessary - UNNECESSARY_ALLOWED))
        if score.marks_available == 0 and optional_recommended:
            score.marks_available = 1  # only options recommended: choosing one of them is full marks

        # Worst first: a minor finding never comes before a major one with the same points.
        score.findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], -f.points))  # stable: policy order within a kind
        return score

    def score_responses(self) -> list[Score]:
        """Scores every trainee response written in the scenario file."""
        return [self.score(r.choices, r.trainee) for r in self.responses]

    def __repr__(self) -> str:
        return f"<Exercise {self.id} ({self.policy.id}): {len(self.outcome)} recommended actions>"


def _distractor(d: Union[_core.Distractor, Mapping[str, str]]) -> dict[str, str]:
    if isinstance(d, Mapping):
        unknown = set(d) - {"id", "text", "breaches"}
        if unknown or "id" not in d or "text" not in d:
            raise ValueError(f"a distractor is {{'id': ..., 'text': ..., 'breaches': ...}}, not {dict(d)!r}")
        return {"id": d["id"], "text": d["text"], "breaches": d.get("breaches") or ""}
    return {"id": d.id, "text": d.text, "breaches": d.breaches or ""}


def _resolve(policy_id: str, policies, path: pathlib.Path) -> _core.Policy:
    if isinstance(policies, _core.Policy):
        if policies.id != policy_id:
            raise ValueError(f"{path} is for policy '{policy_id}', not '{policies.id}'")
        return policies
    registry = policies if policies is not None else _core.PolicyRegistry.from_search_path([path.parent])
    return registry[policy_id]
