"""Dedupe: one article per story copy across the whole pile, every outlet kept.

Newsrooms feed the same story several times: the same URL from two feeds, a page saved
twice, a wire story syndicated by three outlets with a changed headline or a trimmed
ending. Identical URLs (after courlan strips tracking parameters) and identical text
collapse first; near-duplicates are then found with datasketch's MinHash LSH over word
3-shingles (sub-quadratic: only LSH candidates are compared) and confirmed on the exact
shingle sets. Identical texts take part once, and an LSH bucket too big to compare pair
by pair (thousands of templated feed entries) is compared against a few of its members
only, so the cost stays linear however alike the pile is. Each group keeps its most
complete member; the others become its `copies`, so citations can say "also published by …".
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from urllib.parse import urlsplit

import numpy as np

from .model import Article, Copy

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class DedupeOptions:
    """`threshold` is the Jaccard similarity of word 3-shingles above which two articles are
    copies; `containment` catches trimmed copies (most of the shorter one inside the longer)."""

    threshold: float = 0.7
    containment: float = 0.9
    num_perm: int = 128
    min_shingles: int = 12
    same_url_similarity: float = 0.3
    exact_up_to: int = 64  # piles this small are compared pair by pair, without LSH
    bucket_cap: int = 64  # LSH buckets this small are compared pair by pair; bigger ones, see `_bucket_pairs`
    leaders: int = 16  # in a bigger bucket, each member is compared with at most this many others…
    per_article: int = 64  # …and with at most this many over all such buckets


def url_key(url: str | None) -> str | None:
    """A URL reduced to what identifies the page: no scheme, www., tracking parameters,
    fragment or trailing slash."""
    if not url:
        return None
    try:
        from courlan import normalize_url

        url = normalize_url(url, strict=True)
    except Exception:  # noqa: BLE001 - courlan on hostile input; fall back to the raw URL
        pass
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/") or "/"
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def prose_text(article: Article) -> str:
    return " ".join(block.text for block in article.blocks if block.kind == "prose")


@dataclass(frozen=True)
class Fingerprint:
    """What dedupe compares of one article, worked out on its own (in a worker on a big day).

    `shingles`: sorted distinct 64-bit hashes of its word 3-shingles (each word hashed
    once, CRC-32 and Adler-32 side by side, and three words combined by multiplying with
    large odd constants: distinct shingles collide about never); `minhash`: datasketch
    MinHash values of the same shingles (their hashes' high 32 bits), for LSH, on piles
    too big to compare pair by pair.
    """

    digest: str  # of the normalised words: identical texts
    shingles: np.ndarray
    minhash: np.ndarray | None = None


_WORD_HASHES: dict[str, int] = {}
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))


def _word_hash(word: str) -> int:
    data = word.encode()
    value = _WORD_HASHES[word] = zlib.crc32(data) << 32 | zlib.adler32(data)
    if len(_WORD_HASHES) > 1_000_000:
        _WORD_HASHES.clear()
    return value


def fingerprint(article: Article, options: DedupeOptions = DedupeOptions(), minhash: bool = False) -> Fingerprint:
    """The article's fingerprint; `minhash` too when the pile is bigger than `exact_up_to`."""
    words = _WORD.findall(prose_text(article).casefold())
    digest = hashlib.blake2b(" ".join(words).encode(), digest_size=16).hexdigest()
    get = _WORD_HASHES.get
    h = np.array([get(w) or _word_hash(w) for w in words], dtype=np.uint64)
    if len(h) >= 3:
        with np.errstate(over="ignore"):  # wrapping multiplication is the point
            hashes = np.unique(h[:-2] * _MIX[0] + h[1:-1] * _MIX[1] + h[2:] * _MIX[2])
    else:
        hashes = np.zeros(0, dtype=np.uint64)
    values = _minhash_values(hashes, options.num_perm) if minhash and len(hashes) >= options.min_shingles else None
    return Fingerprint(digest, hashes, values)


def _minhash_values(hashes: np.ndarray, num_perm: int) -> np.ndarray:
    """datasketch MinHash values of shingles given by their 64-bit hashes: the high 32 bits
    stand for each shingle (datasketch mixes them before permuting), so nothing is hashed
    twice and the values are the same on every run."""
    sketch = _minhash_prototype(num_perm).copy()
    sketch.update_batch((hashes >> np.uint64(32)).tolist())
    return sketch.hashvalues


@lru_cache(maxsize=4)
def _minhash_prototype(num_perm: int):  # noqa: ANN202 - datasketch has no types
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, hashfunc=int)  # the values given are hashes already


def dedupe(
    articles: Sequence[Article],
    options: DedupeOptions = DedupeOptions(),
    warnings: list[str] | None = None,
    prints: Sequence[Fingerprint] | None = None,
) -> tuple[list[Article], int]:
    """Merge copies; return the kept articles (in first-seen order) and how many merged.

    `prints`: each article's `fingerprint`, if already worked out (with MinHash values
    when there are more than `options.exact_up_to` articles)."""
    n = len(articles)
    if prints is None:
        prints = [fingerprint(a, options, minhash=n > options.exact_up_to) for a in articles]
    parent = list(range(n))
    size = [1] * n
    relation: dict[tuple[int, int], tuple[str, float]] = {}
    joined_by: dict[int, tuple[str, float]] = {}  # how each member first joined its group

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int, how: str, similarity: float, related: dict = relation) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
            size[min(a, b)] += size[max(a, b)]
        related.setdefault((min(i, j), max(i, j)), (how, similarity))
        joined_by.setdefault(i, (how, similarity))
        joined_by.setdefault(j, (how, similarity))

    shingles = [p.shingles for p in prints]
    by_url: dict[str, int] = {}
    by_text: dict[str, int] = {}
    clashes: dict[str, list[int]] = {}
    for i, article in enumerate(articles):
        digest = prints[i].digest
        if digest in by_text:
            union(by_text[digest], i, "same text", 1.0)
        else:
            by_text[digest] = i
        key = url_key(article.url)
        if key is None:
            continue
        if key not in by_url:
            by_url[key] = i
            continue
        first = by_url[key]
        # The same URL is the same page, perhaps updated; but exports sometimes give a
        # homepage URL for every story, so texts with nothing in common stay apart.
        _, sim = _similarity(shingles[first], shingles[i], options)
        if sim >= options.same_url_similarity or find(first) == find(i):
            union(first, i, "same url", 1.0)
        else:
            clashes.setdefault(key, [first]).append(i)
    for key, members in clashes.items():
        if warnings is not None:
            where = articles[members[0]].path or articles[members[0]].id
            warnings.append(
                f"{where}: {len(members)} articles share the URL {articles[members[0]].url} but have different "
                f"texts; all kept ({', '.join(articles[m].id for m in members[:4])}{', …' if len(members) > 4 else ''})"
            )

    # Identical texts are one group already and compare alike with everything: only the
    # first of each takes part below (3,000 copies of one story made 4.5 million pairs).
    # `near` holds what the comparisons found, between those first ones.
    usable = [i for i in range(n) if len(shingles[i]) >= options.min_shingles]
    first_of = [by_text[p.digest] for p in prints]
    near: dict[tuple[int, int], tuple[str, float]] = {}
    if len(usable) > 1:
        leads = [i for i in usable if first_of[i] == i]
        exact = len(usable) <= options.exact_up_to  # the path the whole pile would take

        def together(i: int, j: int) -> int:
            """The size of the group i and j are both in, or 0."""
            root = find(i)
            return size[root] if root == find(j) else 0

        for i, j, how, sim in _near_pairs(leads, prints, options, together, exact):
            union(i, j, how, sim, near)
    usable_set = set(usable) if len(usable) > 1 else set()

    def compared(i: int, j: int) -> tuple[str, float] | None:
        """What comparing i and j found, as if every copy of an identical text had taken part."""
        a, b = sorted((first_of[i], first_of[j]))
        if a == b:
            return ("near-duplicate", 1.0) if i in usable_set else None
        return near.get((a, b))

    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    kept: list[Article] = []
    merged = 0
    for root in sorted(groups):
        members = groups[root]
        if len(members) == 1:
            kept.append(articles[members[0]])
            continue
        # the most complete copy speaks for the group; earlier input wins a tie
        best = max(members, key=lambda i: (len(prose_text(articles[i])), -i))
        copies = []
        for i in members:
            if i == best:
                continue
            how, sim = (
                relation.get((min(i, best), max(i, best)))
                or compared(i, best)
                or joined_by.get(i)
                or _similarity(shingles[i], shingles[best], options)
            )
            a = articles[i]
            copies.append(Copy(a.id, how, round(sim, 3), a.source, a.url, a.title, a.published, a.path))  # type: ignore[arg-type]
            merged += 1
        keeper = articles[best]
        kept.append(
            replace(
                keeper,
                copies=keeper.copies + tuple(copies),
                title=keeper.title or next((articles[i].title for i in members if articles[i].title), None),
                published=keeper.published or next((articles[i].published for i in members if articles[i].published), None),
                url=keeper.url or next((articles[i].url for i in members if articles[i].url), None),
            )
        )
    return kept, merged


def _overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Jaccard similarity of two shingle sets (sorted distinct hashes), and how much of
    the smaller is in the larger. The smaller is looked up in the larger with one binary
    search per shingle: a third of the time of `np.intersect1d`, which sorts both again."""
    if not len(a) or not len(b):
        return (1.0, 1.0) if len(a) == len(b) else (0.0, 0.0)  # two very short texts: the same
    if len(a) > len(b):
        a, b = b, a
    at = np.searchsorted(b, a)
    np.minimum(at, len(b) - 1, out=at)
    inter = int(np.count_nonzero(b[at] == a))
    if inter == len(a) == len(b):
        return 1.0, 1.0  # identical
    if not inter:
        return 0.0, 0.0
    return inter / (len(a) + len(b) - inter), inter / len(a)


def _similarity(a: np.ndarray, b: np.ndarray, options: DedupeOptions) -> tuple[str, float]:
    jaccard, contained = _overlap(a, b)
    return "near-duplicate", max(jaccard, contained if contained >= options.containment else 0.0)


def _near_pairs(
    usable: list[int], prints: Sequence[Fingerprint], options: DedupeOptions,
    together: Callable[[int, int], int], exact: bool,
) -> Iterator[tuple[int, int, str, float]]:
    """Pairs of near-duplicate articles: MinHash LSH proposes, exact shingle sets confirm.

    A small pile (`exact`) is compared pair by pair: exact, and cheaper than importing
    datasketch (numpy and scipy) for a few dozen articles. `together(i, j)` is the size
    of the group two articles are both in already (0 if they are not): the caller merges
    each pair as it comes. A pair in a group bigger than `options.bucket_cap` is not
    compared again (thousands of templated entries would be, pair by pair); on a normal
    pile no group is that big, and every candidate pair is compared.
    """
    if exact:
        for n, i in enumerate(usable):
            for j in usable[n + 1 :]:
                confirmed = _confirmed(prints[i].shingles, prints[j].shingles, options)
                if confirmed:
                    yield i, j, *confirmed
        return
    from datasketch import MinHashLSH

    # LSH at a lower threshold than the merge threshold so trimmed copies (high containment,
    # lower Jaccard) are still proposed; every proposal is checked exactly below.
    lsh = MinHashLSH(threshold=max(0.3, options.threshold - 0.3), num_perm=options.num_perm)
    values = np.stack([
        prints[i].minhash if prints[i].minhash is not None  # else fingerprinted as if for a small pile
        else _minhash_values(prints[i].shingles, options.num_perm)
        for i in usable
    ])
    pairs, big = _banded(values, lsh.b, lsh.r, options.bucket_cap)
    for a, b in pairs:
        i, j = usable[a], usable[b]
        if together(i, j) > options.bucket_cap:
            continue
        confirmed = _confirmed(prints[i].shingles, prints[j].shingles, options)
        if confirmed:
            yield i, j, *confirmed
    for a, b, how, sim in _bucket_pairs(big, [prints[i].shingles for i in usable], options,
                                        lambda a, b: together(usable[a], usable[b])):
        yield usable[a], usable[b], how, sim


@lru_cache(maxsize=256)
def _upper_pairs(size: int) -> tuple[np.ndarray, np.ndarray]:
    return np.triu_indices(size, 1)


def _band_pairs(values: np.ndarray, bands: int, rows: int) -> list[tuple[int, int]]:
    """Every candidate pair `_banded` finds, however big the buckets."""
    return _banded(values, bands, rows, cap=len(values))[0]


def _banded(values: np.ndarray, bands: int, rows: int, cap: int) -> tuple[list[tuple[int, int]], list[np.ndarray]]:
    """Row pairs (earlier, later) of `values` (one MinHash per row) that agree on all `rows`
    values of at least one of `bands` bands: the candidates datasketch's `MinHashLSH` with
    that banding proposes, ordered by the later row, then the earlier. Each band is grouped
    with one sort over all sketches at once (datasketch, sketch by sketch, took 1.8 s of a
    10,000-article build). Only buckets of at most `cap` rows give pairs (as int64 keys,
    later * n + earlier, not tuples in a set); bigger ones come back as their rows, each
    distinct bucket once, for `_bucket_pairs` (5,000 templated entries were 12.5 million
    pairs and 1.5 GB)."""
    n = len(values)
    keys: list[np.ndarray] = []
    big: dict[bytes, np.ndarray] = {}
    for band in range(bands):
        block = np.ascontiguousarray(values[:, band * rows : (band + 1) * rows])
        _, group = np.unique(block.view(np.dtype((np.void, block.itemsize * rows))).ravel(), return_inverse=True)
        order = np.argsort(group, kind="stable")  # rows of a group together, in row order
        bounds = np.flatnonzero(np.diff(group[order])) + 1
        starts, ends = np.r_[0, bounds], np.r_[bounds, len(order)]
        shared = ends - starts > 1
        for start, end in zip(starts[shared].tolist(), ends[shared].tolist()):
            ids = order[start:end].astype(np.int64)
            if end - start > cap:
                big.setdefault(ids.tobytes(), ids)
                continue
            earlier, later = _upper_pairs(end - start)
            keys.append(ids[later] * n + ids[earlier])
    found = np.unique(np.concatenate(keys)) if keys else np.zeros(0, dtype=np.int64)
    return list(zip((found % n).tolist(), (found // n).tolist())), list(big.values())


def _bucket_pairs(
    buckets: list[np.ndarray], shingles: Sequence[np.ndarray], options: DedupeOptions,
    together: Callable[[int, int], int],
) -> Iterator[tuple[int, int, str, float]]:
    """Near-duplicate pairs in LSH buckets too big to compare pair by pair, in linear time.

    Each member is compared with the bucket's first members that matched nothing before
    them (at most `options.leaders`; not those already in its group), and with at most
    `options.per_article` members over all big buckets. A copy of a template joins the
    first one's group at once; what can be missed is a member like none of those leaders
    but like a later member, the price of not comparing every pair of a huge bucket.
    """
    spent: dict[int, int] = {}
    checked: set[tuple[int, int]] = set()
    for bucket in buckets:
        leaders: list[int] = []
        for row in bucket.tolist():
            matched = False
            for lead in leaders:
                if together(lead, row):
                    matched = True
                    continue
                if spent.get(row, 0) >= options.per_article:
                    break
                if (lead, row) in checked:
                    continue
                checked.add((lead, row))
                spent[row] = spent.get(row, 0) + 1
                confirmed = _confirmed(shingles[lead], shingles[row], options)
                if confirmed:
                    matched = True
                    yield lead, row, *confirmed
            if not matched and len(leaders) < options.leaders:
                leaders.append(row)


def _confirmed(a: np.ndarray, b: np.ndarray, options: DedupeOptions) -> tuple[str, float] | None:
    """("near-duplicate", similarity) when the shingle sets say two articles are copies."""
    jaccard, contained = _overlap(a, b)
    if jaccard >= options.threshold or contained >= options.containment:
        return "near-duplicate", max(jaccard, contained)
    return None
