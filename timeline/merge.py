"""Cross-article event merging (INTERIM SKELETON - replaced by the events work)."""

from __future__ import annotations

import pandas as pd


def merge_events(df: pd.DataFrame, window_days: int = 3) -> pd.DataFrame:
    return df
