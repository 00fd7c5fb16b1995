"""Reference code tables (reference_data/*.csv) and lookups over them."""

from pipelines.reference.load import REFERENCE_DIR, load_reference_tables
from pipelines.reference.regions import RegionMatch, province_of, resolve_region

__all__ = [
    "REFERENCE_DIR",
    "RegionMatch",
    "load_reference_tables",
    "province_of",
    "resolve_region",
]
