import re
from pathlib import Path

import pytest

from timeline.settings import SETTINGS, Settings, help_for

PACKAGE = Path(__file__).resolve().parent.parent / "timeline"
CLOCK = re.compile(r"datetime\.now\(|date\.today\(|datetime\.today\(|datetime\.utcnow\(|time\.time\(\)\s*[-+]\s*\d")


def test_settings_every_setting_has_help():
    for s in SETTINGS:
        assert s.help and help_for(s.name) == s.help


@pytest.mark.parametrize("kwargs", [{"batch_size": 0}, {"n_process": 0}, {"merge_window_days": -1}, {"model": ""}])
def test_settings_reject_invalid_values(kwargs):
    with pytest.raises(ValueError):
        Settings(**kwargs)


def test_package_never_reads_the_clock():
    offenders = [
        f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}"
        for path in PACKAGE.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if CLOCK.search(line)
    ]
    assert offenders == []
