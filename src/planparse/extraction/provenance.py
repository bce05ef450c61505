"""Where an inferred string was printed: a block and a character span in that block's text."""
from __future__ import annotations

from typing import Iterable, Optional

from ..models import Block, Span


def block_span(block: Block, start: int = 0, end: Optional[int] = None) -> Span:
    return Span(block=block.id, start=start, end=len(block.text) if end is None else end,
                page=block.page, line=block.line)


def locate(phrase: str, blocks: Iterable[Block]) -> Optional[Span]:
    """The first block (in the order given: nearest first) that prints `phrase`, and where."""
    phrase = phrase.strip()
    if not phrase:
        return None
    low = phrase.lower()
    for b in blocks:
        i = find_in(b.text, phrase, low)
        if i >= 0:
            return block_span(b, i, i + len(phrase))
    return None


def find_in(text: str, phrase: str, low: str) -> int:
    """Where `text` prints `phrase` as written, else in other case (`low` is phrase.lower()); -1 if nowhere."""
    i = text.find(phrase)
    return i if i >= 0 else text.lower().find(low)
