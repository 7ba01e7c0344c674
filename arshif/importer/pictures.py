"""Pictures inside an article's content: kept when the saved copy has the
file (as a token until its name in ``content/images/`` is known), dropped
with their caption when it has not (the site never loads a picture from
elsewhere), and recognised when they repeat the lead picture."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import Comment, Tag

from arshif.content import text
from arshif.importer.images import ImageLocator, file_digest
from arshif.importer.urls import absolute, is_web_url

IMAGE_ATTRIBUTES = ("src", "data-src", "data-lazy-src", "data-original", "data-orig-file",
                    "data-large-file")
SIZE_SUFFIX = re.compile(r"-\d{2,5}x\d{2,5}(?=\.\w+$)")
TOKEN = "arshif-image:{}"


@dataclass
class LeadImage:
    file: Path | None = None  # local copy, when the saved page has one
    url: str = ""  # address on the old site
    caption: str = ""


def place(content: Tag, locator: ImageLocator, page_url: str | None,
          lead: LeadImage | None) -> tuple[dict[str, Path], LeadImage | None]:
    """Rewrite the pictures of ``content``: ``(token -> local file, lead)``.
    Without a lead from the page, a picture before any text becomes it."""
    images = {}
    soup = _root(content)
    for number, img in enumerate(content.find_all("img")):
        if img.decomposed:
            continue
        local, url = source_of(img, locator, page_url)
        holder = _holder(img, content)
        caption = _caption(holder)
        if lead is not None and _same_picture(local, url, lead):
            lead.file = lead.file or local
            lead.caption = lead.caption or caption
            holder.decompose()
            continue
        if lead is None and _nothing_before(holder, content):
            lead = LeadImage(local, url, caption)
            holder.decompose()
            continue
        if local is None:
            locator.not_found(url)  # its address is kept and counted, never loaded
            holder.decompose()
            continue
        token = TOKEN.format(number)
        images[token] = local
        picture = soup.new_tag("img", src=token, alt=text.clean(img.get("alt") or caption or ""))
        paragraph = soup.new_tag("p")
        paragraph.append(picture)
        holder.replace_with(paragraph)
        if caption:
            note, emphasis = soup.new_tag("p"), soup.new_tag("em")
            emphasis.string = caption
            note.append(emphasis)
            paragraph.insert_after(note)
    return images, lead


def source_of(img: Tag, locator: ImageLocator, page_url: str | None) -> tuple[Path | None, str]:
    """``(local copy, address)`` of an <img>, trying lazy-loading attributes
    and srcset too (the ``src`` of a lazy image is a placeholder)."""
    candidates = [img.get(name) for name in IMAGE_ATTRIBUTES if img.get(name)]
    for srcset in (img.get("srcset"), img.get("data-srcset")):
        if srcset:
            candidates += [part.strip().split(" ")[0] for part in srcset.split(",") if part.strip()]
    local = next((found for c in candidates if (found := locator.find(c))), None)
    url = next((absolute(c, page_url) for c in candidates if is_web_url(absolute(c, page_url))), "")
    return local, url


def _holder(img: Tag, content: Tag) -> Tag:
    """The element that is only this picture: its <figure>, WordPress's
    ``wp-caption`` div, the link or paragraph around it, or the image."""
    holder = img
    for parent in img.parents:
        if parent is content or parent.name in ("body", "[document]"):
            break
        if len(parent.find_all("img")) > 1:
            break  # a gallery: each picture is handled on its own
        classes = " ".join(parent.get("class") or [])
        if parent.name == "figure" or "wp-caption" in classes or "wp-block-image" in classes:
            return parent
        if parent.name in ("a", "p", "div", "span") and not text.clean(parent.get_text(" ")):
            holder = parent
            continue
        break
    return holder


def _caption(holder: Tag) -> str:
    if holder.name == "img":
        return ""
    for selector in ("figcaption", ".wp-caption-text", ".caption"):
        found = holder.select_one(selector)
        if found:
            return text.clean(found.get_text(" "))
    return ""


def _identity(url: str) -> str:
    """WordPress serves one upload in several sizes (x-1024x683.jpg)."""
    name = url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    return SIZE_SUFFIX.sub("", name).lower()


def _same_picture(local: Path | None, url: str, lead: LeadImage) -> bool:
    if local is not None and lead.file is not None:
        return local == lead.file or file_digest(local) == file_digest(lead.file)
    return bool(url and lead.url and _identity(url) == _identity(lead.url))


def _nothing_before(holder: Tag, content: Tag) -> bool:
    """True when no text of the content comes before ``holder``."""
    for string in holder.find_all_previous(string=True):
        if content not in string.parents:
            break
        if str(string).strip() and not isinstance(string, Comment):
            return False
    return True


def _root(element: Tag) -> Tag:
    while element.parent is not None:
        element = element.parent
    return element
