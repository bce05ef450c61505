"""planparse: read Vietnamese government plans into structured, checked data."""
__version__ = "0.1.0"
