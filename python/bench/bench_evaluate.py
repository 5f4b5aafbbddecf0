#!/usr/bin/env python3
"""Full scenarios per second: evaluate_many() (the batch call, in C++) against plain Python loops.

Run by hand, from the repository root, after building:

    PYTHONPATH=build/python /usr/bin/python3 python/bench/bench_evaluate.py [--sets 100000] [--repeats 7]
        [--policy fixture|adult|generated|PATH]

A scenario is one complete answer set taken from Python dicts to an Outcome object: every answer
converted, checked and applied in the policy's order, then the outcome computed. Prints the median
of the repeats. Policies: the 5-question test fixture (default), the bundled adult
non-engagement policy, and the generated 200-question / 1,000-action policy of bench/ (written here
the same way as bench/generated_policy.cpp). Targets (issues #4 and #16): evaluate_many on one core
at least 200,000 scenarios per second on the fixture; on the adult policy at least 1,000,000
without reasons and 200,000 with them; at least 100,000 on the generated policy without reasons.
"""

import argparse
import datetime
import os
import pathlib
import statistics
import time

import waymark

ROOT = pathlib.Path(__file__).resolve().parents[2]
DAY = datetime.date(2026, 11, 25)


def answer_sets(count):
    """Complete answer sets for tests/fixtures/answers_policy.toml, varied so every branch is taken."""
    sets = []
    for n in range(count):
        answers = {
            "risk": "evidence" if n % 2 else "only",
            "tried": [["calls"], ["letters"], ["calls", "letters"], []][n % 4],
            "missed": n % 7,
            "last_contact": DAY - datetime.timedelta(days=n % 90),
        }
        if n % 2:
            answers["spoke"] = n % 3 == 0
        sets.append(answers)
    return sets


def generated_policy_text(questions=200, actions=1000, facts=0):
    """The same policy text as bench/generated_policy.cpp's generated_policy()."""
    out = ('[policy]\nid = "generated"\ntitle = "Test policy"\nversion = "1.0.0"\nowner = "Tests"\n'
           'applies_to = "tests"\neffective = 2026-01-01\nreview_by = 2030-01-01\nsources = ["tests"]\n'
           '\n[roles]\nworker = "Worker"\n\n')

    def yes_no(k):
        return k - 1 if k % 4 == 3 else k

    for i in range(questions):
        out += f'\n[[question]]\nid = "q{i}"\ntext = "Question {i}"\nhelp = "h"\nsource = "s"\n'
        if i % 4 == 3:
            out += ('kind = "choice"\noptions = [ { id = "a", text = "A" }, { id = "b", text = "B" }, '
                    '{ id = "c", text = "C" } ]\n')
        else:
            out += 'kind = "yes_no"\n'
        if i >= 10 and i % 5 == 0:
            out += f'ask_if = "q{yes_no(i - 9)} or q{yes_no(i - 7)}"\n'
    for f in range(facts):
        out += (f'\n[[fact]]\nid = "f{f}"\ntext = "Fact {f}"\nvalue = "count_true(q{yes_no((f * 7) % questions)}, '
                f'q{yes_no((f * 11 + 1) % questions)}, q{yes_no((f * 13 + 2) % questions)}) >= 2"\n')
    for a in range(actions):
        x, y = yes_no((a * 37) % questions), yes_no((a * 53 + 5) % questions)
        c = ((a * 17) % (questions // 4)) * 4 + 3
        when = f"q{x} and (q{c if c < questions else 3} == '{'abc'[a % 3]}' or not q{y})"
        if a % 10 == 0 and facts > 0:
            when += f" or f{a % facts}"
        out += (f'\n[[action]]\nid = "a{a}"\ntext = "Action {a}"\nkind = "step"\nowner = "worker"\n'
                f'urgency = "within {1 + a % 30} days"\nwhy = "w"\nsource = "s"\nwhen = "{when}"\n')
    return out


def scripted_answer(question, n, step):
    """An answer that varies with the answer set (n) and the question (step), every option in turn."""
    kind = question.kind
    if kind == "yes_no":
        return (n + step) % 3 != 1
    if kind == "choice":
        return question.options[(n + step) % len(question.options)].id
    if kind == "multi_choice":
        return [o.id for i, o in enumerate(question.options) if (i + n) % 2 == 0]
    if kind == "number":
        return (question.min or 0) + n % 5
    if kind == "date":
        return DAY - datetime.timedelta(days=n % 60)
    return "no answer at the door"


def walked_answer_sets(policy, count, distinct=97):
    """Complete answer sets for any policy: a session walked with scripted answers, `distinct`
    different walks repeated to `count` (the answers a session asks for, so every set is valid)."""
    walks = []
    for n in range(min(count, distinct)):
        session = waymark.Session(policy, DAY)
        answers = {}
        for step, question in enumerate(session.walk()):
            answers[question.id] = scripted_answer(question, n, step)
            session.answer(question.id, answers[question.id], at="2026-11-25T10:00:00Z")
        walks.append(answers)
    return [walks[n % len(walks)] for n in range(count)]


def batch(policy, sets):
    return waymark.evaluate_many(policy, sets, DAY)


def batch_without_reasons(policy, sets):
    return waymark.evaluate_many(policy, sets, DAY, reasons="omit")


def batch_with_reasons(policy, sets):
    """Every outcome's reasons worked out with the batch, as when all of them will be read."""
    return waymark.evaluate_many(policy, sets, DAY, reasons="include")


def batch_and_read(policy, sets):
    """The batch call, then every outcome looked at from Python (one Outcome object each)."""
    outcomes = waymark.evaluate_many(policy, sets, DAY)
    for outcome in outcomes:
        outcome.action_ids
    return outcomes


def python_loop(policy, sets):
    return [waymark.evaluate(policy, answers, DAY) for answers in sets]


def session_loop(policy, sets):
    """As a script answering question by question would: one call into C++ per step."""
    outcomes = []
    for answers in sets:
        session = waymark.Session(policy, DAY)
        for question in session.walk():
            session.answer(question.id, answers[question.id], at="2026-11-25T10:00:00Z")
        outcomes.append(session.outcome())
    return outcomes


def measure(run, policy, sets, repeats):
    """Median scenarios per second of CPU time (what one core does, even on a busy machine) and
    per second of wall time."""
    cpu_rates, wall_rates = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        outcomes = run(policy, sets)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        assert len(outcomes) == len(sets) and all(o.complete for o in outcomes)
        del outcomes
        cpu_rates.append(len(sets) / cpu)
        wall_rates.append(len(sets) / wall)
    return statistics.median(cpu_rates), statistics.median(wall_rates)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policy", default="fixture", help="fixture, adult, generated, or a policy file")
    parser.add_argument("--sets", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()

    if args.policy == "fixture":
        policy = waymark.load_policy(ROOT / "tests" / "fixtures" / "answers_policy.toml")
        sets = answer_sets(args.sets)
    else:
        if args.policy == "generated":
            policy = waymark.load_policy_text(generated_policy_text(), "generated.toml")
        else:
            path = ROOT / "policies" / "adult-non-engagement.toml" if args.policy == "adult" else args.policy
            policy = waymark.load_policy(path)
        sets = walked_answer_sets(policy, args.sets)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"policy {policy.id} ({len(policy.questions)} questions, {len(policy.actions)} actions), "
          f"{args.sets} answer sets, median of {args.repeats}, {cpus} CPUs visible, one thread")
    for name, run in (("evaluate_many (batch, C++)", batch),
                      ("evaluate_many, reasons='omit'", batch_without_reasons),
                      ("evaluate_many, reasons='include'", batch_with_reasons),
                      ("evaluate_many, every outcome read", batch_and_read),
                      ("evaluate() in a Python loop", python_loop),
                      ("Session step by step in Python", session_loop)):
        cpu, wall = measure(run, policy, sets, args.repeats)
        print(f"  {name:32} {cpu:>10,.0f} scenarios per CPU second   ({wall:,.0f} per wall-clock second)")


if __name__ == "__main__":
    main()
