"""What themes and extractors leave in an article's text that is not the
article: breadcrumbs, comment prompts, share and ``mailto:`` links, the
byline and the date repeated as the first or last line; and the old
editors' ``<br><br>`` between paragraphs, which becomes real paragraphs.

Recognised by what they say and how short they are, whatever their markup,
so the same passes serve theme markup, trafilatura's output and WordPress
posts.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bs4 import NavigableString, Tag

from arshif.importer import blocks, datetimes

BLOCK_TAGS = ["p", "div", "li", "ul", "ol", "section", "span", "h2", "h3", "h4", "h5", "h6",
              "blockquote", "figure", "table", "nav", "dl"]
EDGE_TAGS = ["p", "div", "span", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "section"]
HOME_WORDS = {blocks.norm(w) for w in ("الرئيسية", "الصفحة الرئيسية", "الرئيسيه", "Home",
                                       "Accueil", "Startseite", "Inicio", "Главная")}
CRUMB_SEPARATORS = re.compile(r"^[\s»«›‹>/|\\-–—:•·]*$")
COMMENT_PROMPT = re.compile(
    r"(?:(?:أضف|اضف|اكتب|أترك|اترك|شارك(?:نا)?)\s+(?:تعليق|رأيك|برأيك|ردا|رداً)"
    r"|تابع(?:وا|ونا)\s.{0,60}(?:على|عبر|في)\s+(?:غوغل|جوجل|تويتر|فيسبوك|تلغرام|تليجرام|يوتيوب|انستغرام|google)"
    r"|\b(?:please\s+)?follow\s+(?:and\s+like\s+)?us\b|شارك\s+برأيك|لا\s+توجد\s+تعليقات|التعليقات\s+مغلقة|الآراء\s+الواردة\s+في\s+التعليقات"
    r"|\b(?:leave|add|post|write)\s+a\s+(?:comment|reply)\b|\bcomments?\s+(?:are\s+)?closed\b"
    r"|\blaisser\s+un\s+commentaire\b|\bno\s+comments\b|\bjoin\s+the\s+(?:discussion|conversation)\b)",
    re.I)
PROMPT_MAX_CHARS = 160
BYLINE = re.compile(r"^\s*(?:كتب(?:ت|ه)?|بقلم|إعداد|اعداد|تحرير|متابعة|تصوير|by|par|por|von"
                    r"|reporting\s+by|written\s+by|editing\s+by)\b\s*[:：]?", re.I)
EDGE_MAX_CHARS = 120
DATE_LABELS = re.compile("|".join(blocks.norm(w) for w in (
    "التاريخ", "تاريخ النشر", "نشر في", "نشر بتاريخ", "آخر تحديث", "تم النشر", "المصدر",
    "published", "updated", "posted", "publié le", "mis à jour")))
SHARE_HOSTS = ("facebook.com/sharer", "facebook.com/share", "twitter.com/intent",
               "twitter.com/share", "x.com/intent", "x.com/share", "wa.me", "whatsapp.com/send",
               "api.whatsapp.com", "t.me/share", "telegram.me/share", "linkedin.com/share",
               "linkedin.com/sharearticle", "pinterest.com/pin/create", "reddit.com/submit",
               "tumblr.com/share", "addtoany.com", "plus.google.com/share", "vk.com/share",
               "getpocket.com/save", "news.ycombinator.com/submitlink")
SHARE_LABELS = {blocks.norm(w) for w in (
    "شارك", "مشاركة", "انشر", "فيسبوك", "تويتر", "واتساب", "واتس اب", "تلغرام", "تيليجرام",
    "لينكدإن", "البريد الإلكتروني", "طباعة", "أرسل لصديق", "share", "tweet", "facebook",
    "twitter", "whatsapp", "telegram", "linkedin", "email", "e-mail", "print", "pinterest",
    "reddit", "partager", "imprimer")}


def clean(content: Tag, authors: list[str]) -> None:
    """Every pass, in place."""
    drop_share_links(content)
    drop_breadcrumbs(content)
    drop_comment_prompts(content)
    split_double_breaks(content)
    drop_edge_meta(content, authors)
    trim_breaks(content)


def is_share_link(href: str) -> bool:
    address = href.strip().lower()
    if address.startswith("mailto:"):
        return True
    parts = urlsplit(address)
    where = (parts.netloc.removeprefix("www.").removeprefix("m.") + parts.path).rstrip("/")
    return any(where.startswith(host) or f".{host}" in where for host in SHARE_HOSTS) or bool(
        re.search(r"[?&](?:share|sharer)=", address))


def drop_share_links(content: Tag) -> None:
    """Share buttons go with their labels; a ``mailto:`` link written as an
    address in the text keeps the address as plain text, without the link."""
    for link in content.find_all("a", href=True):
        if link.decomposed or not is_share_link(link["href"]):
            continue
        label = link.get_text(" ", strip=True)
        href = link["href"].strip()
        if href.lower().startswith("mailto:") and "@" in label and "?" not in href:
            link.unwrap()
            continue
        parent = link.parent
        link.decompose()
        # «شارك: فيسبوك تويتر» left behind: only share words.
        if isinstance(parent, Tag) and parent is not content and _only_share_words(parent):
            parent.decompose()


def _only_share_words(element: Tag) -> bool:
    words = blocks.norm(element.get_text(" "))
    if not words:
        return not element.find(["img", "table"])
    return len(words) < 60 and all(
        any(word == label or word in label.split() for label in SHARE_LABELS)
        for word in words.split())


def drop_breadcrumbs(content: Tag) -> None:
    """«الرئيسية » أخبار » المغرب»: a short run of links that starts at the
    home page, before the text."""
    for element in content.find_all(["nav", "ol", "ul", "div", "p"], limit=400):
        if element.decomposed:
            continue
        links = element.find_all("a")
        if not 2 <= len(links) <= 8 or not _is_first_text(content, element):
            continue
        if blocks.norm(links[0].get_text(" ")) not in HOME_WORDS:
            continue
        outside = "".join(s for s in element.find_all(string=True) if s.find_parent("a") is None)
        if CRUMB_SEPARATORS.match(outside) and len(element.get_text(" ", strip=True)) < 200:
            element.decompose()
            return


def _is_first_text(content: Tag, element: Tag) -> bool:
    for string in content.find_all(string=True):
        if string.strip():
            return element in string.parents
    return False


def drop_comment_prompts(content: Tag) -> None:
    for element in content.find_all(EDGE_TAGS):
        if element.decomposed:
            continue
        words = element.get_text(" ", strip=True)
        if words and len(words) <= PROMPT_MAX_CHARS and COMMENT_PROMPT.search(words):
            element.decompose()


def split_double_breaks(content: Tag) -> None:
    """``a<br><br>b`` in a paragraph, or in a div of text -> two paragraphs."""
    soup = _root(content)
    for element in [content] + content.find_all(["p", "div", "blockquote"]):
        if element.decomposed:
            continue
        groups, separators, pending, split = [[]], [], [], False
        for child in list(element.children):
            if _is_br(child) or (pending and isinstance(child, NavigableString)
                                 and not child.strip()):
                pending.append(child)
                continue
            block = isinstance(child, Tag) and child.name in BLOCK_TAGS
            if pending:
                if (block or sum(map(_is_br, pending)) >= 2) and groups[-1]:
                    separators += pending
                    split = split or not block
                    groups.append([])
                else:
                    groups[-1] += pending
                pending = []
            if block:
                if groups[-1]:
                    groups.append([])
                continue  # a block stays where it is, between the groups
            groups[-1].append(child)
        separators += pending
        groups = [g for g in groups if g and any(
            not (isinstance(n, NavigableString) and not n.strip()) for n in g)]
        if not split or len(groups) < 2:
            continue
        for node in separators:
            node.extract()
        if element.name == "p":
            anchor = element
            for group in groups[1:]:
                paragraph = soup.new_tag("p")
                anchor.insert_after(paragraph)
                for node in group:
                    paragraph.append(node.extract())
                anchor = paragraph
            continue
        for group in groups:
            paragraph = soup.new_tag("p")
            group[0].insert_before(paragraph)
            for node in group:
                paragraph.append(node.extract())


def _is_br(node) -> bool:
    return isinstance(node, Tag) and node.name == "br"


def drop_edge_meta(content: Tag, authors: list[str]) -> None:
    """The byline and the date, repeated as the first or last lines of the text."""
    author_keys = {blocks.norm(a) for a in authors if blocks.norm(a)}
    for from_end in (True, False):
        for _ in range(4):
            element = _edge_block(content, from_end)
            if element is None or not _is_meta_line(element, author_keys):
                break
            element.decompose()


def _edge_block(content: Tag, from_end: bool) -> Tag | None:
    strings = [s for s in content.find_all(string=True) if s.strip()]
    if not strings:
        return None
    string = strings[-1] if from_end else strings[0]
    block = None
    for parent in string.parents:  # the widest element that holds only this line
        if parent is content or len(parent.get_text(" ", strip=True)) > EDGE_MAX_CHARS:
            break
        block = parent
    return block


def _is_meta_line(element: Tag, author_keys: set[str]) -> bool:
    words = element.get_text(" ", strip=True)
    if not words or len(words) > EDGE_MAX_CHARS or element.find(["img", "table"]):
        return False
    key = blocks.norm(words)
    if key in author_keys or BYLINE.match(words) and len(words) <= 80:
        return True
    found = datetimes.from_iso(words) or datetimes.from_visible(words)[0]
    if found is None:
        return False
    # A date line: little else than the date («نشر في 29/11/2023 | 20:54»).
    letters = re.sub(r"[\d\W_]", "", DATE_LABELS.sub("", blocks.norm(words)))
    return len(letters) <= 20


def trim_breaks(content: Tag) -> None:
    """No paragraph starts or ends with a line break; one of breaks alone goes."""
    for element in content.find_all(["p", "div", "li", "blockquote"]):
        if element.decomposed:
            continue
        for edge in (0, -1):
            while True:
                children = [c for c in element.children
                            if not (isinstance(c, NavigableString) and not c.strip())]
                if not children or not (isinstance(children[edge], Tag)
                                        and children[edge].name == "br"):
                    break
                children[edge].decompose()
        if not element.get_text(strip=True) and not element.find(["img", "table", "hr"]):
            element.decompose()


def _root(element: Tag):
    while element.parent is not None:
        element = element.parent
    return element
