#include "new_policy.h"

#include <fmt/format.h>

namespace waymark::cli {

std::string starter_policy(const std::string& id, Date today) {
  return fmt::format(
      R"toml(# A starting policy written by `waymark new {id}`. Replace the example content with your own.
# Guide: docs/authoring.md. Check it with `waymark lint {id}.toml`; test it with `waymark test {id}.toml`.
#
# Every question and action cites the passage of the source document it comes from ("source").
# Where the source is silent, write a [[note]] that says so; never invent procedure.

[policy]
id = "{id}"                       # lowercase letters, digits and hyphens; the file is <id>.toml
title = "Replace with the policy's title"
version = "0.1.0"                 # raise it whenever the content changes (`waymark diff` checks)
owner = "Replace with the board that owns it"
applies_to = "Replace with who and what it applies to"
effective = {effective}            # the date it comes into force; sessions on or after it use it
review_by = {review}            # `waymark list` and `waymark run` warn once this has passed
sources = ["Replace with the source document's file name and title"]

# Who can own an action: role id = what the role is called.
[roles]
worker = "The practitioner with the case"
line_manager = "The practitioner's line manager"

# Questions are asked in the order written. kind is one of yes_no, choice, multi_choice,
# number, date, text.
[[question]]
id = "concern_raised"             # lowercase, digits and '_': conditions refer to it by this id
section = "Example"               # the heading it is shown under
text = "Has a concern been raised about this person?"
help = "Why the question is asked, shown when the practitioner asks 'why'."
kind = "yes_no"
source = "Replace with the passage this question comes from"

[[question]]
id = "concern_level"
section = "Example"
text = "How serious is the concern?"
help = "Every question needs a help text: practitioners see it when they ask why."
kind = "choice"
options = [
  {{ id = "serious", text = "Serious, or repeated" }},
  {{ id = "minor", text = "A single minor concern" }},
]
ask_if = "concern_raised"         # asked only when this condition holds
source = "Replace with the passage this question comes from"

# A multi_choice question takes any number of its options, or "None of these". Conditions ask
# about one option at a time: 'injury' in signs_seen; count(signs_seen) is how many were chosen.
[[question]]
id = "signs_seen"
section = "Example"
text = "Which of these signs have you seen?"
help = "Choose every sign you have seen yourself, or 'None of these'."
kind = "multi_choice"
options = [
  {{ id = "injury", text = "An injury that has not been explained" }},
  {{ id = "withdrawn", text = "The person seems withdrawn or frightened" }},
]
ask_if = "concern_level == 'serious'"
source = "Replace with the passage this question comes from"

# A fact names a condition once, so actions can share it; explanations ("Because ...") show its
# text and value. It is never asked.
[[fact]]
id = "risk_of_harm"
text = "A serious concern with an unexplained injury"
value = "concern_level == 'serious' and 'injury' in signs_seen"
source = "Replace with the passage that says when there is a risk of harm"

# An action fires when its condition ("when") holds. kind: step, prohibition or flag.
# urgency: immediate, same_shift, same_day, within N days|weeks|months, next_review, not_stated.
[[action]]
id = "refer_to_line_manager"
section = "Example"
kind = "step"
text = "Discuss the concern with your line manager."
owner = "line_manager"
urgency = "same_day"
record = "What you discussed and what was decided, in the case notes."
why = "Replace with the reason the source gives."
when = "concern_level == 'serious'"
source = "Replace with the passage this action comes from"

[[action]]
id = "record_decision"
section = "Example"
kind = "step"
text = "Record the concern and what you decided."
owner = "worker"
urgency = "not_stated"
why = "Replace with the reason the source gives."
when = "true"                     # "true" means always
source = "Replace with the passage this action comes from"

# A prohibition is something the source says not to do. conflicts_with lists actions that must
# never be recommended with it: lint fails if any answers fire both.
[[action]]
id = "do_not_close"
section = "Example"
kind = "prohibition"
text = "Do not close the case while an injury is unexplained."
owner = "worker"
urgency = "immediate"
record = "The decision to keep the case open, and why, in the case notes."
why = "Replace with the reason the source gives."
when = "risk_of_harm"             # a fact, used like a question
conflicts_with = ["close_case"]
source = "Replace with the passage this action comes from"

# A flag is a warning sign for the practitioner to notice.
[[action]]
id = "withdrawn_flag"
section = "Example"
kind = "flag"
text = "The person seems withdrawn or frightened: speak to them on their own."
owner = "worker"
urgency = "within 2 weeks"
timescale = "before the next planned visit"   # optional: the source's own words for when
why = "Replace with the reason the source gives."
when = "'withdrawn' in signs_seen"
source = "Replace with the passage this action comes from"

[[action]]
id = "close_case"
section = "Example"
kind = "step"
text = "Close the case: no concern was raised."
owner = "worker"
urgency = "not_stated"
record = "Why the case was closed."
why = "Replace with the reason the source gives."
when = "concern_raised == false"
source = "Replace with the passage this action comes from"

# A pathway is the source's ladder: steps in order, each with its actions, the condition under
# which the case has reached it ("when"), and the source's words for moving on to the next step
# ("moves_on", and "later" for when). The outcome names the step the case is at (the last one
# whose "when" holds) and lists the steps after it under "If this continues". Derive the step from
# the answers; never ask "what stage are you at?". Lint checks every step can be the current one.
[[pathway]]
id = "escalation"
title = "Replace with the name of the source's ladder"
source = "Replace with the passage that sets out the steps in order"

[[pathway.step]]
id = "discuss"
title = "Discuss a serious concern with your line manager"
actions = ["refer_to_line_manager"]   # the step's actions, in the source's order
when = "concern_level == 'serious'"
moves_on = "If the injury is not explained"   # shown as the trigger of the next step
later = "Replace with the source's words for when, or leave this line out if it gives none"
source = "Replace with the passage this step comes from"

[[pathway.step]]                  # the last step: no moves_on or later
id = "keep_open"
title = "Keep the case open while an injury is unexplained"
actions = ["do_not_close"]
when = "risk_of_harm"
source = "Replace with the passage this step comes from"

# Guidance shown with the outcome; use it to say where the source is silent.
[[note]]
id = "no_timescale_for_minor"
text = "The source gives no timescale for a minor concern."
when = "concern_level == 'minor'"
source = "Replace with the passage (and say that it is silent)"
)toml",
      fmt::arg("id", id), fmt::arg("effective", today.iso()), fmt::arg("review", today.plus_months(24).iso()));
}

std::string starter_tests(const std::string& id, Date today) {
  return fmt::format(R"toml(# Scenario tests for {id}.toml, written by `waymark new {id}`. Format: docs/scenarios.md.
# Run them with `waymark test {id}.toml`; `--coverage` lists what no scenario exercises yet.

policy = "{id}"
date = {today}                    # the session date (due dates count from it)

[[scenario]]
id = "serious-concern"
[scenario.answers]                # question id = answer, in the policy's order
concern_raised = true
concern_level = "serious"
signs_seen = ["injury"]           # a multi_choice answer: a list of option ids ([] for none)
[scenario.expect]
fires = ["refer_to_line_manager", "record_decision", "do_not_close"]   # must be recommended
at_step = ["escalation.keep_open"]                     # pathway.step the case is at
[scenario.expect.action.refer_to_line_manager]         # details that matter
owner = "line_manager"
due = {today}

[[scenario]]
id = "withdrawn-no-injury"
[scenario.answers]
concern_raised = true
concern_level = "serious"
signs_seen = ["withdrawn"]
[scenario.expect]
fires = ["withdrawn_flag"]
does_not_fire = ["do_not_close"]
at_step = ["escalation.discuss"]
next_steps = ["escalation.keep_open"]                  # shown under "If this continues"
[scenario.expect.action.withdrawn_flag]
urgency = "within 2 weeks"

[[scenario]]
id = "minor-concern"
[scenario.answers]
concern_raised = true
concern_level = "minor"
[scenario.expect]
fires = ["record_decision"]
does_not_fire = ["refer_to_line_manager"]              # must not be recommended
notes = ["no_timescale_for_minor"]                     # notes that must be shown

[[scenario]]
id = "no-concern"
[scenario.answers]
concern_raised = false            # concern_level is not asked, so it is not answered
[scenario.expect]
fires = ["record_decision", "close_case"]
does_not_fire = ["refer_to_line_manager", "do_not_close"]
)toml",
                     fmt::arg("id", id), fmt::arg("today", today.iso()));
}

}  // namespace waymark::cli
