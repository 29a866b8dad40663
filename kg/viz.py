"""Kept for code written before :mod:`kg.views`: the same names, from there.

New code imports :mod:`kg.views`.
"""

from __future__ import annotations

from kg.views import TYPE_STYLES, most_connected, summary, to_networkx, write_html

__all__ = ["TYPE_STYLES", "to_networkx", "write_html", "most_connected", "summary"]
