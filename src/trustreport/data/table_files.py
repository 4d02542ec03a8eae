"""The raw tables by name and the file each is read from, in the order they are validated (sources first: the others
cite it). Apart from their schemas (schemas.py) so that planning a build, which needs only the names and files, does
not import polars and dataframely."""

from __future__ import annotations

TABLE_FILES: dict[str, str] = {
    "sources": "sources.csv",
    "complaints": "complaints.csv",
    "gala": "gala.csv",
    "festival_gmv": "festival_gmv.csv",
    "platform_gmv": "platform_gmv.csv",
    "governance": "governance.csv",
    "tactics": "tactics.csv",
    "events": "events.csv",
}
