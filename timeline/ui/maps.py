"""Pure function: an event table -> the map of where events happened (plotly scattergeo).

One bubble per place (size = number of events), at most ``MAP_PLACES`` places, the busiest;
the map says how many it leaves out.  Place names and summaries go through ``plot_text``
(``plot_safe``, ``wrap_html``): article text is untrusted and plotly renders some tags.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.ui.plot_text import each_distinct, empty_figure, note, plot_safe, wrap_html

MAP_PLACES = 1_000  # bubbles on the map at most: the busiest places (the map says so)


def map_figure(df: pd.DataFrame) -> go.Figure:
    """Geocoded events on a world map, one bubble per place (size = number of events).

    Uses plotly ``scattergeo`` at 110m resolution: the app serves that topojson itself
    (plot config ``topojsonURL``) so the map works offline."""
    geo = df.dropna(subset=["lat", "lon"])
    fig = go.Figure()
    if geo.empty:
        return empty_figure(fig, "No geocoded events in this selection.")
    counts, hover = _places(geo)
    fig.add_trace(
        go.Scattergeo(
            lat=counts.index.get_level_values("lat"),
            lon=counts.index.get_level_values("lon"),
            text=each_distinct(counts.index.get_level_values("place").to_series(), plot_safe),
            customdata=np.column_stack([counts.to_numpy(), hover.to_numpy(dtype=object)]),
            mode="markers",
            marker=dict(
                size=8 + 5 * np.sqrt(np.minimum(counts.to_numpy(), 25)),
                color="#d1495b",
                opacity=0.8,
                line=dict(color="white", width=1),
            ),
            hovertemplate="<b>%{text}</b> – %{customdata[0]} event(s)<br>%{customdata[1]}<extra></extra>",
        )
    )
    fig.update_geos(
        resolution=110,
        scope="world",
        projection_type="natural earth",
        fitbounds="locations",
        showcountries=True,
        countrycolor="#bbbbbb",
        showland=True,
        landcolor="#f2efe9",
        showocean=True,
        oceancolor="#e8f1fa",
    )
    fig.update_layout(height=330, margin=dict(l=0, r=0, t=0, b=0), showlegend=False)
    n_places = counts.attrs["places"]
    if n_places > len(counts):
        note(fig, f"the {len(counts):,} places with the most events, of {n_places:,}", "bottom left")
    return fig


def _places(geo: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """(events per place, hover text of its first five events), indexed by (place, lat,
    lon) in sorted order; the place is an event's first named location.  At most
    MAP_PLACES places, the busiest; ``attrs["places"]`` counts them all."""
    keys = ["place", "lat", "lon"]
    places = pd.DataFrame(
        {
            "place": geo["locations"].map(lambda v: v[0] if len(v) else "?").to_numpy(),
            "lat": geo["lat"].to_numpy(),
            "lon": geo["lon"].to_numpy(),
            "summary": geo["summary"].to_numpy(),
        }
    )
    counts = places.groupby(keys, sort=True).size()
    n_places = len(counts)
    if n_places > MAP_PLACES:
        counts = counts.nlargest(MAP_PLACES, keep="first").sort_index()
    first = places.groupby(keys, sort=False).head(5)
    first = first[pd.MultiIndex.from_frame(first[keys]).isin(counts.index)]
    lines = first.assign(summary=each_distinct(first["summary"], lambda s: wrap_html(s, 60)))
    hover = lines.groupby(keys, sort=True)["summary"].agg("<br>".join).reindex(counts.index)
    counts.attrs["places"] = n_places
    return counts, hover
