"""Plain, frozen dataclasses passed between the pipeline stages.

ingest -> RawArticle -> clean -> Article -> segment -> Sentence -> select -> Section -> Briefing
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["prose", "heading"]
SentenceKind = Literal["sentence", "fragment"]


@dataclass(frozen=True)
class RawArticle:
    """One article as read from its input, before any cleaning."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    path: str | None = None
    date_source: str | None = None  # "feed", "html", "json", "front matter", "assumed": where `published` came from


@dataclass(frozen=True)
class Block:
    """A paragraph (or heading) that survived cleaning."""

    text: str
    kind: BlockKind = "prose"


@dataclass(frozen=True)
class CleanStats:
    duplicate_paragraphs: int = 0
    boilerplate_lines: int = 0
    learned_boilerplate: int = 0


@dataclass(frozen=True)
class Copy:
    """Another input carrying the same article (identical or a near-duplicate copy)."""

    id: str
    relation: Literal["same url", "same text", "near-duplicate"]
    similarity: float
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class Article:
    """A cleaned article: metadata plus its paragraphs and headings in order."""

    id: str
    blocks: tuple[Block, ...]
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    path: str | None = None
    stats: CleanStats = field(default_factory=CleanStats)
    date_source: str | None = None
    copies: tuple[Copy, ...] = ()

    @property
    def outlets(self) -> tuple[str, ...]:
        """Every outlet that carried this article: its own and its copies', in order."""
        names = [self.source, *(c.source for c in self.copies)]
        return tuple(dict.fromkeys(n for n in names if n))


@dataclass(frozen=True, slots=True)  # slots: a big day holds hundreds of thousands of them
class Sentence:
    """One sentence of an article; `position` counts sentences from 0 within the article.

    `kind` is "fragment" for attribution-only pieces ("Ushakov added.") that must never
    be picked alone; `joins_previous` marks sentences that lean on the one before them
    ("He added …") and so are poor picks on their own.
    """

    article_id: str
    position: int
    text: str
    block: int
    kind: SentenceKind = "sentence"
    joins_previous: bool = False
    # The article speaks in the first person (an essay, a letter, a statement) and this
    # sentence opens in that voice, not inside a quotation: its "I" or "we" is the author
    # the citation names, so it is not a quote cut from its speaker.
    own_voice: bool = False


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    keywords: tuple[str, ...]
    description: str | None = None
    exclude: tuple[str, ...] = ()
    sentences: int | None = None


@dataclass(frozen=True)
class TopicScope:
    """What the whole briefing is about (a theme file's `[scope]`): an article is briefed
    only when at least `min_share` of its sentences (its headline counting as three) name
    one of the keywords, in two sentences or more unless the headline does or the article
    is that short; the others are read, counted and left out."""

    title: str
    keywords: tuple[str, ...]
    min_share: float = 0.2


@dataclass(frozen=True)
class Pick:
    """A sentence chosen for a theme section, with why it was chosen."""

    text: str
    article_id: str
    position: int
    score: float
    also_in: tuple[str, ...] = ()
    matched: tuple[str, ...] = ()  # theme keywords the sentence names
    parts: tuple[tuple[str, float], ...] = ()  # the score's parts, for `brief explain`
    related: tuple[str, ...] = ()  # its words that co-occur most with the theme today
    new: bool = True  # False: an update of something an earlier briefing reported
    span: int = 1  # sentences of its article it takes in, from `position` on


@dataclass(frozen=True)
class Section:
    theme: Theme
    candidates: int
    picks: tuple[Pick, ...]


@dataclass(frozen=True)
class Dropped:
    duplicate_paragraphs: int = 0
    boilerplate_lines: int = 0
    near_duplicate_sentences: int = 0
    learned_boilerplate: int = 0
    duplicate_articles: int = 0
    already_reported: int = 0


@dataclass(frozen=True)
class LeftOut:
    """An input article kept out of the briefing, and why (outside the window, undated…)."""

    id: str
    reason: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class Span:
    """The window of publication times the briefing covers, as ISO datetimes."""

    since: str | None
    until: str | None
    timezone: str


@dataclass(frozen=True)
class Briefing:
    title: str
    date: str
    generated_at: str
    articles: tuple[Article, ...]
    sentence_counts: dict[str, int]
    sections: tuple[Section, ...]
    dropped: Dropped
    warnings: tuple[str, ...]
    algorithm: str
    left_out: tuple[LeftOut, ...] = ()
    window: Span | None = None
    key_points: tuple[Pick, ...] = ()
    selection: dict[str, object] = field(default_factory=dict)  # the selector's options, for `brief explain`
    since: str | None = None  # the earlier briefing compared with (history), if any
    coverage: tuple[tuple[str, dict[str, int]], ...] = ()  # (day, theme id -> sentences), oldest first, from history
    topic: TopicScope | None = None  # what the whole briefing is about; None: every article is in scope
    read: int | None = None  # usable articles read (copies merged), in scope or not; None: len(articles)
