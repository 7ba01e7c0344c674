"""Blocks of a page recognised by the label they start with: «إقرأ أيضًا»
lists, «آخر الأخبار» widgets, the «الكلمات المفتاحية» tag list.

Themes mark these up in every possible way (a heading and a list in a div, a
bold label and links in one paragraph, a label paragraph followed by a list),
so they are found by their visible label, then widened to the element that
holds the label and its links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import Tag

from arshif.content import text

LABEL_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "strong", "b", "em",
              "aside", "section", "li", "header", "label", "dt", "nav", "ul"]
READ_ALSO_LABELS = ("اقرأ أيضا", "اقرأ كذلك", "اقرأ المزيد", "شاهد أيضا", "للمزيد اقرأ", "طالع أيضا",
                    "Read also", "Read more", "See also", "Lire aussi", "À lire aussi", "Voir aussi")
# Compared ignoring hamza forms and tashkeel; a one-word label must be the
# whole text of its element («شارك» alone, never «شارك المغرب في…»).
WIDGET_LABELS = (
    "آخر الأخبار", "أحدث الأخبار", "آخر المستجدات", "الأكثر قراءة", "الأكثر مشاهدة",
    "مقالات ذات صلة", "أخبار ذات صلة", "مواضيع ذات صلة", "قد يعجبك أيضا", "المزيد من الأخبار",
    "شارك", "شارك المقال", "شارك الخبر", "شارك هذا المقال", "شارك على", "مشاركة", "تابعونا",
    "تابعنا على", "اشترك في النشرة البريدية", "النشرة البريدية", "النشرة الإخبارية",
    "التعليقات", "تعليقات", "أضف تعليق", "اترك تعليقا", "اترك ردا", "إعلان",
    "مواضيع متعلقة", "أخبار متعلقة", "ذات صلة", "الأكثر تداولا", "أخبار مقترحة",
    "Related", "Related articles", "Related posts", "Related stories", "Related news",
    "You may also like", "Most read", "Comments", "Leave a Reply", "Share this",
    "Share this article", "Articles liés", "Sur le même sujet",
)
TAG_LABELS = ("الكلمات المفتاحية", "كلمات مفتاحية", "الكلمات الدلالية", "الوسوم", "وسوم")
MAX_BLOCK_CHARS = 3000  # a widget; a longer element is the article itself
MAX_PLAIN_CHARS = 300
LINK_SHARE = 0.6  # of the text after the label that must be link text


def norm(value: str) -> str:
    """Comparison form: no tashkeel or hamza variants, punctuation as spaces
    («إقرأ أيضًا:» and «اقرأ أيضا» are the same label)."""
    value = re.sub(r"[^\w\s]", " ", text.search_normalize(value))
    return " ".join(value.split())


@dataclass
class Block:
    elements: list[Tag] = field(default_factory=list)  # label block (+ the list after it)

    @property
    def text(self) -> str:
        return text.clean(" ".join(e.get_text(" ") for e in self.elements))

    @property
    def links(self) -> list[Tag]:
        return [a for element in self.elements for a in element.find_all("a", href=True)]

    def remove(self) -> None:
        for element in self.elements:
            if not element.decomposed:
                element.decompose()


def find_blocks(root: Tag, labels, *, exact_single_words: bool = True,
                plain_text: bool = False) -> list[Block]:
    """Outermost blocks under ``root`` (never ``root`` itself) that start
    with one of ``labels`` and hold little else than links (or, with
    ``plain_text``, short text such as «الوسوم: الساحل، الأمن»)."""
    wanted = sorted({norm(label) for label in labels}, key=len, reverse=True)
    found: list[Block] = []
    taken: set[int] = set()
    for element in root.find_all(LABEL_TAGS):
        if element.decomposed or any(id(p) in taken for p in element.parents):
            continue
        content = norm(element.get_text(" "))
        if not content or len(content) > MAX_BLOCK_CHARS:
            continue
        label = _matching_label(element, content, wanted, exact_single_words,
                                plain_text and len(content) <= MAX_PLAIN_CHARS)
        if label is None:
            continue
        block = _widen(element, root, label)
        elements = [block]
        remainder = norm(block.get_text(" "))[len(label):].strip()
        if not remainder:
            following = _next_element(block)
            if following is not None and _is_link_list(following):
                elements.append(following)
        for element_ in elements:
            taken.add(id(element_))
        found.append(Block(elements))
    return found


def _matching_label(element: Tag, content: str, wanted, exact_single_words, plain_text):
    for label in wanted:
        if content == label:
            return label
        if not content.startswith(label + " "):
            continue
        if exact_single_words and " " not in label:
            continue
        if plain_text or _mostly_links(element, content[len(label):]):
            return label
    return None


def _mostly_links(element: Tag, remainder: str) -> bool:
    remainder = remainder.replace(" ", "")
    if not remainder:
        return True
    linked = "".join(norm(a.get_text(" ")) for a in element.find_all("a")).replace(" ", "")
    return len(linked) >= LINK_SHARE * len(remainder)


def _widen(element: Tag, root: Tag, label: str) -> Tag:
    """The largest ancestor below ``root`` that is still only this block."""
    block = element
    while block.parent is not None and block.parent is not root and block.parent.name != "[document]":
        parent = block.parent
        content = norm(parent.get_text(" "))
        if len(content) > MAX_BLOCK_CHARS or not content.startswith(label):
            break
        if content != norm(block.get_text(" ")) and not _mostly_links(parent, content[len(label):]):
            break
        block = parent
    return block


def _next_element(element: Tag) -> Tag | None:
    sibling = element.next_sibling
    while sibling is not None and not isinstance(sibling, Tag):
        if str(sibling).strip():
            return None  # text between the label and the list: not a list of links
        sibling = sibling.next_sibling
    return sibling


def _is_link_list(element: Tag) -> bool:
    if element.name not in ("ul", "ol", "div", "p", "section", "nav"):
        return False
    content = norm(element.get_text(" "))
    return bool(element.find("a", href=True)) and _mostly_links(element, content)
