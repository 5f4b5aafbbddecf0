#!/usr/bin/env python3
"""Full scenarios per second: evaluate_many() (the batch call, in C++) against plain Python loops.

Run by hand, from the repository root, after building:

    PYTHONPATH=build/python /usr/bin/python3 python/bench/bench_evaluate.py [--sets 100000] [--repeats 7]

A scenario is one complete answer set taken from Python dicts to an Outcome object: every answer
converted, checked and applied in the policy's order, then the outcome computed. Prints the median
of the repeats. Target (issue #4): at least 200,000 scenarios per second through evaluate_many on
one core.
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


def batch(policy, sets):
    return waymark.evaluate_many(policy, sets, DAY)


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
    parser.add_argument("--policy", default=str(ROOT / "tests" / "fixtures" / "answers_policy.toml"))
    parser.add_argument("--sets", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()

    policy = waymark.load_policy(args.policy)
    sets = answer_sets(args.sets)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"policy {policy.id} ({len(policy.questions)} questions, {len(policy.actions)} actions), "
          f"{args.sets} answer sets, median of {args.repeats}, {cpus} CPUs visible, one thread")
    for name, run in (("evaluate_many (batch, C++)", batch),
                      ("evaluate_many, every outcome read", batch_and_read),
                      ("evaluate() in a Python loop", python_loop),
                      ("Session step by step in Python", session_loop)):
        cpu, wall = measure(run, policy, sets, args.repeats)
        print(f"  {name:32} {cpu:>10,.0f} scenarios per CPU second   ({wall:,.0f} per wall-clock second)")


if __name__ == "__main__":
    main()
