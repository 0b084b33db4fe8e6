"""Package metadata."""

__version__ = "0.1.0"
__title__ = "newsgraph"
DEFAULT_MODEL = "fr_core_news_md"
DEFAULT_BASE_IRI = "https://newsgraph.example.org/"
