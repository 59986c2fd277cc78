"""Page kind from the URL path, the title, the h1 and the text of inbound links.

Text signals must name the page, not merely mention a word: a title part, an
h1 or a link text has to *be* one of the kind's phrases ("Contact us"), so a
blog post titled "How to contact your local ranger" stays a blog post.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from sitelint.gather.page import Page
from sitelint.keywords import Lexicon, lexicon, normalise
from sitelint.models import PageKind

_TITLE_SEPARATORS = re.compile(r"\s[|\-–—:·•»]\s|\s?[|–—·•»]\s?")
_PATH_SPLIT = re.compile(r"[-_.+\s]+")
_INDEX_FILES = re.compile(r"^(?:index|default|home)\.(?:html?|php|aspx?)$", re.I)

# When two kinds score the same, the more specific (legal) kind wins.
_PRIORITY = (
    PageKind.PRIVACY,
    PageKind.COOKIE_POLICY,
    PageKind.RETURNS,
    PageKind.TERMS,
    PageKind.IMPRINT,
    PageKind.CONTACT,
    PageKind.PRICING,
    PageKind.ABOUT,
    PageKind.CHECKOUT,
    PageKind.CART,
    PageKind.SIGNUP,
    PageKind.LOGIN,
    PageKind.BLOG,
)
_MIN_SCORE = 2
# Weights: the last path segment names the page; a section prefix (/blog/...)
# only hints; a title part or the h1 naming the kind is strong evidence.
_LAST_SEGMENT, _EARLIER_SEGMENT, _HEADING, _INBOUND = 3, 1, 2, 2


def is_home(url: str) -> bool:
    path = unquote(urlsplit(url).path)
    segments = [s for s in path.split("/") if s]
    return not segments or (len(segments) == 1 and bool(_INDEX_FILES.match(segments[0])))


def _path_words(url: str) -> list[str]:
    path = unquote(urlsplit(url).path).lower()
    segments = [re.sub(r"\.(?:html?|php|aspx?)$", "", s) for s in path.split("/") if s]
    return [" ".join(_PATH_SPLIT.split(s)).strip() for s in segments if s]


def _title_parts(title: str) -> list[str]:
    return [part for part in _TITLE_SEPARATORS.split(title) if part.strip()]


def _score(
    kind: PageKind, page_words: list[str], texts: Iterable[tuple[str, int]], vocab: Lexicon
) -> int:
    vocabulary = vocab.page_kinds[kind]
    score = 0
    for position, word in enumerate(reversed(page_words)):
        if word in vocabulary.url_words:
            score += _LAST_SEGMENT if position == 0 else _EARLIER_SEGMENT
            break
    for text, weight in texts:
        if vocabulary.text.fullmatch(text):
            score += weight
    return score


def classify_page(page: Page) -> PageKind:
    return classify(
        page.url, page.title, page.h1, page.inbound_texts, is_product=_looks_like_product(page)
    )


def classify(
    url: str,
    title: str,
    h1: str,
    inbound_texts: Iterable[str] = (),
    *,
    is_product: bool = False,
) -> PageKind:
    if is_home(url):
        return PageKind.HOME
    vocab = lexicon()
    words = _path_words(url)
    texts = [(part, _HEADING) for part in _title_parts(title)[:3]]
    if h1:
        texts.append((h1, _HEADING))
    texts.extend((text, _INBOUND) for text in list(inbound_texts)[:5] if text)
    best, best_score = PageKind.OTHER, 0
    for kind in _PRIORITY:
        score = _score(kind, words, texts, vocab)
        if score > best_score:
            best, best_score = kind, score
    if best_score >= _MIN_SCORE:
        return best
    if is_product:
        return PageKind.PRODUCT
    return PageKind.OTHER


def link_kind(text: str, href: str) -> PageKind | None:
    """The kind of page a link's text or target names, if it names one."""
    vocab = lexicon()
    words = _path_words(href) if href.startswith(("http:", "https:", "/")) else []
    for kind in _PRIORITY:
        vocabulary = vocab.page_kinds[kind]
        if text and vocabulary.text.fullmatch(text):
            return kind
        if words and words[-1] in vocabulary.url_words:
            return kind
    return None


def names_kind(kind: PageKind, text: str, href: str) -> bool:
    """Whether a link's text, or its target's last path word, names this one kind.

    Cheaper than link_kind() when a rule looks for one kind on every link of
    every page, and it ignores the priority between kinds.
    """
    vocabulary = lexicon().page_kinds[kind]
    if text and vocabulary.text.fullmatch(text):
        return True
    if href.startswith(("http:", "https:", "/")):
        words = _path_words(href)
        return bool(words) and words[-1] in vocabulary.url_words
    return False


def _looks_like_product(page: Page) -> bool:
    from sitelint.gather.structured import item_types

    if any("Product" in item_types(item) for item in page.structured_data):
        return True
    add_to_cart = lexicon().phrases("add_to_cart")
    has_buy_button = any(
        add_to_cart.search(" ".join(form.submit_texts)) for form in page.forms if form.submit_texts
    )
    return has_buy_button and bool(page.prices)


__all__ = ["classify", "classify_page", "is_home", "link_kind", "names_kind", "normalise"]
