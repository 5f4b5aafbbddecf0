"""Notebook display and plain data: `_repr_html_`, `to_dict()` and, with pandas, `to_dataframe()`.

Jupyter shows an object through its `_repr_html_`; these tables follow the GOV.UK Design System's
look (the same as `waymark serve`) with inline styles only, so a saved notebook or an exported
report shows them without any stylesheet or network. pandas is optional: `to_dataframe()` says so
when it is missing.
"""

from __future__ import annotations

import datetime
import html
from typing import Any, Iterable, Sequence

from . import _core

# GOV.UK Frontend's colours and table style, written inline.
TABLE = ("border-collapse:collapse;font-family:Arial,sans-serif;font-size:14px;color:#0b0c0c;"
         "margin:0 0 16px 0;text-align:left")
CAPTION = "font-weight:700;font-size:18px;text-align:left;padding:0 0 8px 0"
TH = "border-bottom:1px solid #b1b4b6;padding:8px 16px 8px 0;font-weight:700;vertical-align:top;text-align:left"
TD = "border-bottom:1px solid #b1b4b6;padding:8px 16px 8px 0;vertical-align:top;text-align:left"
TAG_COLOURS = {
    "prohibition": ("#2a0b06", "#f4cdc6"),  # red
    "flag": ("#6e3619", "#fcd6c3"),  # orange
    "step": ("#0c2d4a", "#bbd4ea"),  # blue
    "passed": ("#005a30", "#cce2d8"),  # green
    "not passed": ("#2a0b06", "#f4cdc6"),
    "essential": ("#2a0b06", "#f4cdc6"),
    "expected": ("#6e3619", "#fcd6c3"),
    "optional": ("#383f43", "#e5e6e7"),  # grey
}


def escape(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def tag(text: str) -> str:
    """A GOV.UK tag: a short coloured label."""
    colour, background = TAG_COLOURS.get(text, ("#383f43", "#e5e6e7"))
    return (f'<strong style="display:inline-block;padding:2px 8px;color:{colour};background:{background};'
            f'font-weight:400">{escape(text)}</strong>')


def table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """An HTML table; cells are HTML already (escape text with `escape`)."""
    head = "".join(f'<th scope="col" style="{TH}">{escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f'<td style="{TD}">{cell}</td>' for cell in row) + "</tr>" for row in rows)
    return (f'<table style="{TABLE}"><caption style="{CAPTION}">{escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def dataframe(rows: list[dict[str, Any]], columns: Sequence[str]):
    """A pandas DataFrame of the rows, or an ImportError that says how to get pandas."""
    try:
        import pandas
    except ImportError:
        raise ImportError("to_dataframe() needs pandas: `apt install python3-pandas` (Debian) or "
                          "`pip install pandas`; to_dict() gives the same data without it") from None
    return pandas.DataFrame(rows, columns=list(columns))


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


# Outcome ---------------------------------------------------------------------------------------

ACTION_FIELDS = ["id", "text", "kind", "owner", "owner_title", "urgency", "urgency_label", "timescale", "due",
                 "record", "why", "section", "source", "group"]

GROUP_HEADINGS = {"do_now": "Do now", "also_recommended": "Also recommended", "keep_in_mind": "Keep in mind"}


def recommendation_to_dict(r: _core.Recommendation) -> dict[str, Any]:
    """One recommended action as plain data (the due date as YYYY-MM-DD, or None)."""
    return {name: _iso(getattr(r, name)) for name in ACTION_FIELDS}


def outcome_to_dict(o: _core.Outcome) -> dict[str, Any]:
    """The outcome as plain data (JSON-ready): the policy, the date, whether every question that
    applies was answered, the actions in the order shown (Do now, Also recommended, Keep in mind; each
    with its group), where the case is on each pathway and what comes next, the notes and the
    unanswered questions."""
    return {
        "policy": {"id": o.policy.id, "version": o.policy.version, "title": o.policy.title},
        "date": o.date.isoformat(),
        "complete": o.complete,
        "actions": [recommendation_to_dict(r) for r in o.actions],
        "pathways": o.pathways,
        "notes": [{"id": n.id, "text": n.text, "when": n.when, "source": n.source} for n in o.notes],
        "unanswered": list(o.unanswered),
    }


def outcome_to_dataframe(o: _core.Outcome):
    """One row per recommended action, in order of urgency (needs pandas)."""
    return dataframe([recommendation_to_dict(r) for r in o.actions], ACTION_FIELDS)


def outcome_repr_html(o: _core.Outcome) -> str:
    status = "complete" if o.complete else f"incomplete: {len(o.unanswered)} questions unanswered"
    out = f"<p><b>{escape(o.policy.title)}</b>: {len(o.actions)} recommended actions ({status}, {o.date.isoformat()})</p>"
    if o.pathways:
        out += table("Where this case is", ["Pathway", "Current step"],
                     [[escape(p["title"]), f"Step {p['step_number']} of {p['step_count']}: {escape(p['step_title'])}"]
                      for p in o.pathways])
    for group, heading in GROUP_HEADINGS.items():
        rows = [[f"{escape(r.text)}<br><small>{escape(r.why)}</small>", tag(r.kind), escape(r.owner_title),
                 escape(r.urgency_label) + (f"<br>due {escape(r.due.isoformat())}" if r.due else ""),
                 f"<small>{escape(r.source)}</small>"] for r in o.actions if r.group == group]
        if rows:
            out += table(heading, ["Action", "Kind", "Owner", "When", "Source"], rows)
        if group == "also_recommended":
            next_rows = [[escape(n["trigger"]), escape(n["title"]), escape(n["timescale"])]
                         for p in o.pathways for n in p["next"]]
            if next_rows:
                out += table("If this continues", ["If", "Then", "When"], next_rows)
    if o.notes:
        out += table("Keep in mind: notes from the policy", ["Note", "Source"],
                     [[escape(n.text), f"<small>{escape(n.source)}</small>"] for n in o.notes])
    return out


def attach() -> None:
    """Gives the compiled Outcome and Recommendation their Python-side display and data methods."""
    _core.Outcome.to_dict = outcome_to_dict
    _core.Outcome.to_dataframe = outcome_to_dataframe
    _core.Outcome._repr_html_ = outcome_repr_html
    _core.Recommendation.to_dict = recommendation_to_dict
