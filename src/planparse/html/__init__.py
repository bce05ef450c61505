"""Self-contained HTML pages for people who would rather look than read JSON: the review of one
extraction over its source text, a comparison side by side, and a batch's index."""
from .comparison import render_comparison
from .index import render_index
from .review import render_review

__all__ = ["render_review", "render_comparison", "render_index"]
