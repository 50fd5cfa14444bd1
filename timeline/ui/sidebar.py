"""The sidebar filters, mirrored in the URL (``st.query_params``) through ``Filters``, so
a copied link reproduces the view and opening a link applies it."""

from __future__ import annotations

import re
from datetime import date

import streamlit as st

from timeline.store.filters import Filters, find_actor
from timeline.ui.event_panel import JUMP_KEY
from timeline.ui.lanes import GROUPS

MIN_DAY, MAX_DAY = date.min, date.max  # the resolver's calendar, years 1-9999: "In 1066", "12 October 1492"
DATE_HELP = "An event is kept when its date interval overlaps this range (open sides count as unbounded)."
KEYS = {"actor": "f_actor", "location": "f_location", "source": "f_source"}
ROLES = {"any": "any role", "agent": "as agent"}


def _url_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def _actor_ids(wanted: tuple[str, ...], actors: dict[str, str]) -> list[str]:
    """A link's actors as ids: an id stays, a name ('?actor=Steve Jobs') is looked up as the
    actor box would (``filters.find_actor``); one that fits no actor stays as written."""
    names = {i: _COUNT.sub("", v) for i, v in actors.items()}
    return [a if a in names else (find_actor(a, names) or a) for a in wanted]


_COUNT = re.compile(r" \([\d,]+\)$")  # the event count the box shows after a name


def load_from_url(choices: dict[str, dict[str, str]] | None = None) -> None:
    """Once per session: the URL's filters become the widgets' initial state."""
    if st.session_state.get("_url_loaded"):
        return
    params = _url_params()
    f = Filters.from_query_params(params)
    st.session_state.update(
        {
            "f_actor": _actor_ids(f.actors, (choices or {}).get("actor", {})),
            "f_location": list(f.locations),
            "f_source": list(f.sources),
            "f_from": f.date_from,
            "f_to": f.date_to,
            "f_text": f.text,
            "f_undated": f.include_undated,
            "f_mentions": f.mentions,
            "f_level": f.level == "mentions",
            "f_role": ROLES[f.role],
        }
    )
    group = (params.get("group") or ["actor"])[-1]
    st.session_state["group_by"] = group if group in GROUPS else "actor"
    if event := (params.get("event") or [""])[-1]:  # the shared event: selected, its table page turned to
        st.session_state[JUMP_KEY] = event
    story = (params.get("story") or ["1"])[-1]
    st.session_state["story_page"] = int(story) if story.isdigit() and int(story) > 0 else 1
    st.session_state["_url_loaded"] = True


def _multiselect(label: str, kind: str, names: dict[str, str]) -> tuple[str, ...]:
    key = KEYS[kind]
    chosen = st.session_state.get(key, [])
    options = list(names) + [c for c in chosen if c not in names]  # a linked id stays visible
    st.multiselect(
        label, options, format_func=lambda i: names.get(i, i), key=key, placeholder=f"All {label.lower()}"
    )
    return tuple(st.session_state[key])


def sidebar_filters(choices: dict[str, dict[str, str]]) -> Filters:
    """Draw the filter widgets (``choices``: ``ui_data.facets`` of the table) and return
    the Filters they describe."""
    load_from_url(choices)
    actors = _multiselect("Actors", "actor", choices["actor"])
    role = st.radio(
        "Actor's role", list(ROLES.values()), key="f_role", horizontal=True,
        help="Any role: the events the selected actors take part in. As agent: only those they do (the subject, "
             "'attacked by X', 'X's attack'), not those done to them ('ISIS attacked the Taliban' is not a Taliban "
             "event as agent).")
    st.caption("None selected: every event, with or without an actor. Selected: the events that involve any of "
               "them; “(no actor)” keeps the events with no named actor.")
    locations = _multiselect("Locations", "location", choices["location"])
    sources = _multiselect("Articles", "source", choices["source"])
    date_from = st.date_input(
        "From", key="f_from", min_value=MIN_DAY, max_value=MAX_DAY, format="YYYY-MM-DD", help=DATE_HELP
    )
    date_to = st.date_input("To", key="f_to", min_value=MIN_DAY, max_value=MAX_DAY, format="YYYY-MM-DD")
    text = st.text_input("Search summaries and sentences", key="f_text", placeholder="e.g. mosque")
    undated = st.checkbox(
        "Include undated events",
        key="f_undated",
        help="Events whose text gives no date at all (kept when a date range is set).",
    )
    mentions = st.checkbox(
        "Show mentions off the timeline",
        key="f_mentions",
        help="Also list what the extractor found but keeps off the timeline: speech acts ('she said'), stances "
             "('is seen as'), negated or hypothetical events, fragments. Each row says why in 'Why off the timeline'.",
    )
    level = st.toggle(
        "One row per mention",
        key="f_level",
        help="By default one row is one event: its mentions in every article merged, with their sources, actors "
             "and places united. Turn on to see every mention on its own row.",
    )
    return Filters(
        mentions=mentions,
        level="mentions" if level else "events",
        actors=actors,
        locations=locations,
        sources=sources,
        date_from=date_from,
        date_to=date_to,
        text=text.strip(),
        include_undated=undated,
        role="agent" if role == ROLES["agent"] else "any",
    )


def sync_url(filters: Filters, group_by: str, story_page: int = 1, event: str | None = None) -> None:
    """Write the view into the URL (only what differs from the defaults): the filters, the
    grouping, the story view's page and the selected ``event`` (None: the table's first, the default)."""
    params = filters.to_query_params()
    if event:
        params["event"] = event
    if group_by != "actor":
        params["group"] = group_by
    if story_page > 1:
        params["story"] = str(story_page)
    current = {k: v if len(v) > 1 or k in KEYS else v[0] for k, v in _url_params().items()}
    if current != params:
        st.query_params.from_dict(params)
