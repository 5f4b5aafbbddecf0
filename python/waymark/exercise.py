"""Trainer exercises: a scenario run through its policy, and a trainee's choices scored against it.

The scoring rules are in docs/scenarios.md. In short: choosing something that goes against a
prohibition the policy recommends (closing a case that must not be closed) scores worst; then a
missed prohibition, a missed step, a missed flag; then the wrong owner or timescale and choosing
what the policy does not recommend here. Each finding carries the policy's rationale and source,
so the feedback teaches why.
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

    @property
    def points(self) -> int:
        """Penalty points for this kind of finding (see docs/scenarios.md)."""
        return POINTS[self.kind]

    @property
    def severity(self) -> str:
        """'critical', 'major' or 'minor'."""
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
        """No critical or major finding (nothing the policy requires was missed or breached), and
        no more than one unnecessary choice (UNNECESSARY_ALLOWED): doing everything is not safe
        practice either."""
        return all(f.severity == "minor" for f in self.findings) and self.unnecessary <= UNNECESSARY_ALLOWED

    def feedback(self) -> str:
        """The findings as plain text for the trainee, worst first."""
        who = f"{self.trainee}: " if self.trainee else ""
        if not self.findings:
            return f"{who}{self.scenario_id}: your choices match what the policy recommends.\n"
        lines = [f"{who}{self.scenario_id}: {self.points} penalty points, {'passed' if self.passed else 'not passed'}."]
        if not self.passed and all(f.severity == "minor" for f in self.findings):
            lines.append(f"Not passed: {self.unnecessary} choices the policy does not recommend here "
                         f"(more than {UNNECESSARY_ALLOWED} is an unnecessary escalation).")
        lines += [f"- {finding}" for finding in self.findings]
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict:
        """The score as plain data (JSON-ready): who, which exercise, the points, whether passed,
        the actions chosen correctly and each finding with its severity, points and reasons."""
        return {
            "trainee": self.trainee,
            "scenario": self.scenario_id,
            "points": self.points,
            "passed": self.passed,
            "correct": list(self.correct),
            "findings": [{"kind": f.kind, "severity": f.severity, "points": f.points, "id": f.id, "text": f.text,
                          "message": f.message, "why": f.why, "source": f.source} for f in self.findings],
        }

    def _repr_html_(self) -> str:
        from ._display import escape, table, tag

        verdict = "passed" if self.passed else "not passed"
        caption = f"{self.trainee + ': ' if self.trainee else ''}{self.scenario_id}, {self.points} penalty points"
        rows = [[tag(f.severity), escape(f.points), escape(f.message) + (f"<br><small>Why: {escape(f.why)}</small>"
                                                                         if f.why else "")]
                for f in self.findings]
        if not rows:
            rows = [[tag("passed"), "0", "The choices match what the policy recommends."]]
        return f"<p>{tag(verdict)}</p>" + table(caption, ["Severity", "Points", "Finding"], rows)

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
    ) -> "Exercise":
        """Scripts an exercise from Python. `distractors` are dicts with 'id', 'text' and
        optionally 'breaches' (a prohibition's id); `events` the case's chronology."""
        outcome = _core.evaluate(policy, answers, date, events=events)
        return cls(policy, outcome, id=id, title=title, vignette=vignette, answers=answers, distractors=distractors)

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

        score = Score(self.id, trainee)
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
            choice = chosen.get(rec.id)
            if choice is None:
                if rec.id not in breached:
                    score.findings.append(
                        Finding(MISSED[rec.kind], rec.id, rec.text,
                                f"Missed: {rec.text} ({rec.owner_title}, {rec.urgency_label.lower()}).",
                                rec.why, rec.source))
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
