#!/usr/bin/env python3
"""Scores a cohort's answers to the example exercises and writes the report.

    PYTHONPATH=build/python /usr/bin/python3 python/examples/cohort_report.py \\
        python/examples/scenarios/adult-non-engagement.toml python/examples/cohort-responses.csv out/ [--overwrite]

Writes out/cohort.csv and out/cohort.md, and prints each trainee's feedback. Existing reports
are not replaced unless --overwrite is given.
"""

import pathlib
import sys

import waymark


def main(scenario_file: str, responses_csv: str, out_dir: str, overwrite: bool = False) -> None:
    exercises = waymark.Exercise.load(scenario_file)  # the policy is found on the search path
    for exercise in exercises:
        if exercise.failures:  # the policy changed under the exercise: say so before scoring
            for failure in exercise.failures:
                print(failure, file=sys.stderr)
    cohort = waymark.Cohort(exercises)
    cohort.add_csv(responses_csv)
    for score in cohort.scores:
        print(score.feedback())
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    cohort.to_csv(out / "cohort.csv", overwrite=overwrite)
    cohort.to_markdown(out / "cohort.md", overwrite=overwrite)
    print(f"Wrote {out / 'cohort.csv'} and {out / 'cohort.md'}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--overwrite"]
    if len(args) != 3:
        sys.exit(__doc__)
    main(*args, overwrite="--overwrite" in sys.argv[1:])
