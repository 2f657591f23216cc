"""Article-level duplicate detection: exact URL/text, near-duplicates by MinHash LSH, and
the pair-by-pair path small piles take giving the same answer."""

from __future__ import annotations

import random
from dataclasses import replace

from brief.dedupe import DedupeOptions, dedupe, url_key
from brief.model import Article, Block

WORDS = ("gas grid talks ceasefire border troops sanctions pipeline storage winter ministers alliance "
         "drones port grain shipping envoy summit reserves refinery tanker frontline village brigade "
         "transformer substation price cap embargo oil export insurance corridor treaty").split()


def story(rng: random.Random, n: int) -> Article:
    paragraphs = [" ".join(rng.choice(WORDS) for _ in range(40)) + "." for _ in range(6)]
    return Article(id=f"s{n}", blocks=tuple(Block(p) for p in paragraphs), source=f"Outlet {n % 7}",
                   url=f"https://outlet{n % 7}.example/{n}")


def copy_of(article: Article, n: int) -> Article:
    """Syndicated: another outlet, last paragraph trimmed, one word changed."""
    blocks = list(article.blocks[:-1])
    blocks[0] = Block(blocks[0].text.replace(" ", " the ", 1))
    return replace(article, id=f"copy{n}", blocks=tuple(blocks), source="Danube Daily",
                   url=f"https://danube.example/{n}")


def pile(count: int = 120) -> tuple[list[Article], set[tuple[str, str]]]:
    rng = random.Random(2026)
    articles = [story(rng, n) for n in range(count)]
    planted = set()
    for n, k in enumerate((5, 40, 99)):
        articles.append(copy_of(articles[k], n))
        planted.add((articles[k].id, f"copy{n}"))
    return articles, planted


def merged_pairs(kept: list[Article]) -> set[tuple[str, str]]:
    return {(a.id, c.id) for a in kept for c in a.copies}


def test_lsh_finds_every_planted_copy_and_nothing_else():
    articles, planted = pile()
    kept, merged = dedupe(articles, DedupeOptions())  # 123 articles: above exact_up_to, so LSH
    assert merged == 3 and merged_pairs(kept) == planted
    assert all(c.relation == "near-duplicate" and c.similarity >= 0.9 for a in kept for c in a.copies)
    assert {a.id for a in kept} == {a.id for a in articles if not a.id.startswith("copy")}


def test_pair_by_pair_path_agrees_with_lsh():
    articles, planted = pile()
    exact, _ = dedupe(articles, DedupeOptions(exact_up_to=10_000))
    lsh, _ = dedupe(articles, DedupeOptions(exact_up_to=0))
    assert merged_pairs(exact) == merged_pairs(lsh) == planted


def test_identical_text_and_same_url_collapse_and_the_fullest_copy_stays():
    rng = random.Random(7)
    a = story(rng, 1)
    same_text = replace(a, id="again", url="https://mirror.example/x", source="Mirror")
    same_url = replace(a, id="longer", url=a.url.replace("https://", "http://www.") + "/?utm_source=rss",
                       blocks=(*a.blocks, Block("An update added later in the day with more detail about the talks.")))
    kept, merged = dedupe([a, same_text, same_url])
    assert merged == 2 and len(kept) == 1
    (keeper,) = kept
    assert keeper.id == "longer", "the most complete copy speaks for the group"
    assert {c.id: c.relation for c in keeper.copies} == {"s1": "same url", "again": "near-duplicate"}
    assert keeper.outlets == ("Outlet 1", "Mirror")


def test_url_key_ignores_what_does_not_identify_a_page():
    base = url_key("https://ledger.example/energy/grid")
    for variant in ("http://www.ledger.example/energy/grid/", "https://LEDGER.example/energy/grid#comments",
                    "https://ledger.example/energy/grid?utm_source=rss&utm_medium=feed"):
        assert url_key(variant) == base, variant
    assert url_key("https://ledger.example/energy/grid?id=2") != base


def test_banded_candidates_are_the_ones_datasketch_lsh_proposes():
    """`_band_pairs` groups all sketches per band at once; it must propose exactly the pairs
    datasketch's MinHashLSH (same banding) returns when sketches are queried, then inserted,
    one by one, in the same order."""
    import numpy as np
    from datasketch import LeanMinHash, MinHashLSH

    from brief.dedupe import _band_pairs, _minhash_prototype

    rng = np.random.default_rng(7)
    stories = rng.integers(0, 2**32, size=(60, 128), dtype=np.uint64)
    values = stories[rng.integers(0, 60, size=400)]
    changed = rng.random(values.shape) < 0.5  # copies agree on about half their values
    values[changed] = rng.integers(0, 2**32, size=int(changed.sum()), dtype=np.uint64)
    lsh = MinHashLSH(threshold=0.4, num_perm=128)
    proto = _minhash_prototype(128)
    scheme = {"scheme": proto.scheme} if hasattr(proto, "scheme") else {}
    expected = []
    for i, row in enumerate(values):
        sketch = LeanMinHash(seed=proto.seed, hashvalues=row, **scheme)
        expected += [(j, i) for j in sorted(lsh.query(sketch))]
        lsh.insert(i, sketch)
    assert expected, "the planted copies should share bands"
    assert _band_pairs(values, lsh.b, lsh.r) == expected
