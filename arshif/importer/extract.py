"""Metadata of one saved HTML page, most reliable source first: JSON-LD,
Open Graph and ``article:*`` meta, WordPress theme markup, visible text,
then trafilatura (main text, title, author, categories, tags) and htmldate
(the date) for what those did not give (``fallback``).

Only the article's own header is searched for visible dates and authors: a
«آخر الأخبار» sidebar next to it is full of other articles' dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Comment, Tag

from arshif.content import text
from arshif.importer import blocks, date_checks, dateline, datetimes, fallback, jsonld, page_kind
from arshif.importer.datetimes import SourceDate
from arshif.importer.html_meta import meta, metas
from arshif.importer.pictures import LeadImage
from arshif.importer.sections_map import url_categories
from arshif.importer.urls import absolute, is_web_url, path_segments

TITLE_SELECTORS = ("h1.entry-title", "h1.post-title", ".post-title h1", "h1[itemprop=headline]",
                   ".entry-header h1", "article h1", "h1")
FEATURED_SELECTORS = (".post-thumbnail img", "img.wp-post-image", ".featured-image img",
                      ".entry-thumb img", ".single-featured-image img", "figure.post-image img")
AUTHOR_SELECTORS = ('[itemprop=author] [itemprop=name]', "a[rel~=author]", ".author-name",
                    ".entry-author .fn", ".byline .author", ".author.vcard .fn", ".vcard .fn",
                    "span.author a", "span.author", ".post-meta-author a", ".post-meta-author",
                    ".author-info .name", ".writer-name", ".article-author a")
CATEGORY_SELECTORS = ("a[rel~=category]", ".cat-links a", ".post-categories a",
                      ".entry-category a")
BREADCRUMB_SELECTORS = ('[itemtype*="BreadcrumbList"] [itemprop=name]',
                        '[class*="breadcrumb"] a', '[class*="breadcrumb"] span:not(:has(*))')
DATE_ELEMENT_SELECTORS = ("time", '[class*="date"]', '[class*="time"]', '[class*="posted"]',
                          '[class*="meta"]', '[id*="date"]')
SITE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " « ", " » ")
SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)")
PUBLISHED_METAS = ("article:published_time", "og:published_time", "datePublished",
                   "publish-date", "publish_date", "pubdate", "date", "DC.date.issued",
                   "dcterms.created", "sailthru.date", "parsely-pub-date")
# «كتب: حسام أبو العلا - القاهرة», «بقلم محمد علي», «By Jane Doe»
BYLINE_PREFIX = re.compile(r"^\s*(?:كتب(?:ت|ه)?|بقلم|إعداد|اعداد|تحرير|حوار|By|Par|Por|Von)"
                           r"\s*[:：]?\s+", re.I)
BYLINE_PLACE = re.compile(r"^(?P<name>[^\W\d_][^\d:|،,]{1,60}?)\s+[-–—]\s+"
                          r"(?P<place>[^\W\d_]+(?:\s+[^\W\d_]+){0,2})\s*$")


@dataclass
class PageFacts:
    not_article: str = ""  # why the page is not an article, when it is not
    problem: str = ""  # why an article page cannot be imported
    title: str = ""
    published: SourceDate | None = None
    date_note: str = ""
    modified: SourceDate | None = None
    category_groups: list[list[str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    summary: str = ""
    dateline: str = ""
    source: str = ""  # «البيان», «وكالات»: who the dateline says the story is from
    original_url: str = ""
    lead: LeadImage | None = None
    lead_sources: list[str] = field(default_factory=list)  # src attributes to find a local copy
    content: Tag | None = None
    notes: list[str] = field(default_factory=list)  # for the report: what to check


def read(soup: BeautifulSoup, source: str = "", content_selector: str = "",
         tz: str = datetimes.dates.DEFAULT_TIMEZONE) -> PageFacts:
    """``source``: the page's HTML, for the fallback extractors (without it
    they are not used); ``content_selector``: CSS for the article text,
    tried before everything else."""
    graph = jsonld.Graph.from_soup(soup)
    article = graph.article() or {}
    facts = PageFacts()
    claims_article = page_kind.claims_article(soup, article)
    facts.not_article = page_kind.not_article(soup, graph, article, claims_article)
    if facts.not_article:
        return facts
    facts.original_url = _original_url(soup, graph, article)
    found_by_selector = _selected(soup, content_selector) if content_selector else None
    facts.content = found_by_selector or page_kind.content(soup)
    extracted = None
    if found_by_selector is None and source and _too_little(facts.content):
        extracted = fallback.main_text(source, facts.original_url)
        if extracted is not None and (facts.content is None or extracted.text_length > len(
                facts.content.get_text(" ", strip=True))):
            from arshif.importer.body import fragment

            facts.content = fragment(extracted.html)
    if facts.content is None or not facts.content.get_text(strip=True):
        where = (f"--content-selector {content_selector!r} matched nothing, and "
                 if content_selector else "")
        facts.problem = (f"no article text found ({where}neither the theme's markup nor "
                         "trafilatura found it): give its CSS selector with "
                         "--content-selector CSS")
        return facts
    site_names = _site_names(soup, graph)
    facts.title = _title(soup, article, site_names) or (extracted.title if extracted else "")
    scope = _header_scope(soup, facts.original_url)
    facts.published, facts.date_note, notes = _publication_date(
        soup, source, article, scope, facts.content, facts.original_url, tz)
    facts.notes += notes
    facts.modified = (datetimes.from_any(article.get("dateModified"), tz)
                      or datetimes.from_any(meta(soup, "article:modified_time"), tz)
                      or _time_attribute(scope, "time.updated[datetime]", '[itemprop=dateModified]'))
    facts.category_groups = _categories(soup, graph, article, facts.original_url)
    facts.tags = _tags(soup, article)
    site_keys = {blocks.norm(s) for s in site_names}
    authors = _authors(soup, graph, article, scope, site_keys)
    if extracted is not None:
        facts.category_groups.append(extracted.categories)
        facts.tags = facts.tags or _unique(extracted.tags)
        authors = authors or [a for a in extracted.authors if blocks.norm(a) not in site_keys]
    for name in authors:
        name, place = split_byline(name)
        if place and (blocks.norm(place) in site_keys or blocks.norm(place) in dateline.KNOWN):
            # «(أبوظبي - البيان)»: a place and the site (or an agency), nobody's name
            facts.dateline = facts.dateline or name
            facts.source = facts.source or place
            continue
        if name and blocks.norm(name) not in site_keys and name not in facts.authors:
            facts.authors.append(name)
        facts.dateline = facts.dateline or place
    facts.summary = _summary(soup, article)
    if blocks.norm(facts.summary) in site_keys:
        facts.summary = ""  # «بوابة أخبار اليوم الإلكترونية»: the site's slogan, not this article's
    if isinstance(article.get("dateline"), str) and text.clean(article["dateline"]):
        facts.dateline = text.clean(article["dateline"])
    facts.lead, facts.lead_sources = _lead(soup, graph, article, facts.content, facts.original_url)
    return facts


def read_date(soup: BeautifulSoup, source: str = "", content: Tag | None = None,
              tz: str = datetimes.dates.DEFAULT_TIMEZONE):
    """The publication date alone, found as ``read`` finds it: ``(date or
    None, why there is none, notes for the report)``.  ``content``: the
    article's text element, whose own dates are not the page's."""
    graph = jsonld.Graph.from_soup(soup)
    article = graph.article() or {}
    page_url = _original_url(soup, graph, article)
    return _publication_date(soup, source, article, _header_scope(soup, page_url), content,
                             page_url, tz)


def _publication_date(soup, source: str, article: dict, scope: Tag, content: Tag | None,
                      page_url: str, tz: str):
    published, date_note = _published(soup, article, scope, content, tz)
    notes = []
    by_htmldate = False
    if published is None and source:
        published, note = _published_by_htmldate(source, page_url, tz)
        by_htmldate = published is not None and not note
        if note:
            notes.append(note)
    if published is not None and not notes:
        candidates = [found for found in _main_metadata(soup, article, tz)
                      if found is not None and found.moment != published.moment]
        notes += date_checks.notes(published.text, page_url, [c.text for c in candidates],
                                   by_htmldate, source)
    return published, date_note, notes


def _selected(soup, selector: str) -> Tag | None:
    found = [el for el in soup.select(selector) if el.get_text(strip=True)]
    return max(found, key=lambda el: len(el.get_text(strip=True))) if found else None


def _too_little(content: Tag | None) -> bool:
    """No content element, or one with less than a paragraph of text (a
    teaser ``<article>``, a lead image's caption)."""
    return content is None or len(content.get_text(" ", strip=True)) < fallback.MIN_TEXT


def _published_by_htmldate(source: str, page_url: str, tz: str):
    """htmldate's date, day only (it gives no time of day): first from the
    page's metadata and markup; else its guess from the text, named in the
    report so the archivist checks it."""
    found = fallback.find_date(source, page_url, extensive=False)
    if found:
        return datetimes.day_only(*found, tz), ""
    found = fallback.find_date(source, page_url, extensive=True)
    if found:
        day = datetimes.day_only(*found, tz)
        if day is not None:
            return day, f"date {day.text} guessed by htmldate from the page's text: check it"
    return None, ""


def split_byline(name: str) -> tuple[str, str]:
    """«كتب: حسام أبو العلا - القاهرة» -> ``("حسام أبو العلا", "القاهرة")``."""
    name = text.clean(BYLINE_PREFIX.sub("", text.clean(name)))
    if name.startswith("(") and name.endswith(")"):
        name = text.clean(name[1:-1])  # «(أبوظبي - البيان)»
    match = BYLINE_PLACE.match(name)
    if match and len(match.group("name").split()) <= 5:
        return text.clean(match.group("name")), text.clean(match.group("place"))
    return name, ""


def plain(value: str) -> str:
    """Text of a value that may hold HTML (``<b>عاجل</b> …``, ``&amp;quot;``)."""
    value = text.clean(value)
    for _ in range(2):  # entities escaped twice by some CMSs
        if "<" not in value and "&" not in value:
            break
        value = text.clean(BeautifulSoup(value, "html.parser").get_text(" "))
    return value


def _original_url(soup, graph: jsonld.Graph, article: dict) -> str:
    """canonical (unless ``wget -k`` rewrote it to a local file), og:url,
    JSON-LD, then the "saved from url" comment browsers add."""
    candidates = [link.get("href") for link in soup.find_all("link", rel="canonical")]
    candidates.append(meta(soup, "og:url"))
    main = graph.deref(article.get("mainEntityOfPage"))
    candidates += [article.get("url"), main.get("@id") if isinstance(main, dict) else main]
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment) and "saved from url" in s):
        match = SAVED_FROM.search(comment)
        if match:
            candidates.append(match.group(1))
    for candidate in candidates:
        if isinstance(candidate, str) and is_web_url(candidate):
            return candidate.strip()
    return ""


def _site_names(soup, graph: jsonld.Graph) -> list[str]:
    """The site's names: og:site_name, JSON-LD, the part of <title> after
    og:title («… | بوابة أخبار اليوم الإلكترونية») and the host's name."""
    names = metas(soup, "og:site_name") + metas(soup, "application-name")
    names += [n["name"] for n in graph.of_types({"WebSite", "Organization", "NewsMediaOrganization"})
              if isinstance(n.get("name"), str)]
    og_title = plain(meta(soup, "og:title"))
    page_title = plain(soup.title.get_text()) if soup.title else ""
    if og_title and page_title.startswith(og_title):
        names.append(page_title[len(og_title):].strip(" |-–—:«»"))
    for url in (meta(soup, "og:url"), *(link.get("href") for link in
                                        soup.find_all("link", rel="canonical"))):
        if isinstance(url, str) and is_web_url(url):
            host = urlsplit(url).hostname or ""
            labels = [part for part in host.split(".") if part not in ("www", "m")]
            if len(labels) >= 2:
                names.append(labels[-2])
            break
    return [text.clean(n) for n in names if text.clean(n) and not is_web_url(text.clean(n))]


def _title(soup, article: dict, site_names: list[str]) -> str:
    headline = article.get("headline") or article.get("name")
    if isinstance(headline, str) and plain(headline):
        return plain(headline)
    og_title = plain(meta(soup, "og:title"))
    if og_title:
        return _without_site(og_title, site_names)
    for selector in TITLE_SELECTORS:
        found = soup.select_one(selector)
        if found and text.clean(found.get_text(" ")):
            return text.clean(found.get_text(" "))
    if soup.title and plain(soup.title.get_text()):
        title = _without_site(plain(soup.title.get_text()), site_names)
        for separator in SITE_SEPARATORS:
            if separator in title:  # no known site name: the longest part is the title
                title = max(title.split(separator), key=len)
        return text.clean(title)
    return ""


def _without_site(title: str, site_names: list[str]) -> str:
    title = text.clean(title)
    for name in site_names:
        for separator in SITE_SEPARATORS:
            if title.endswith(separator + name):
                return text.clean(title[: -len(separator + name)])
            if title.startswith(name + separator):
                return text.clean(title[len(name + separator):])
    return title


def _header_scope(soup, page_url: str = "") -> Tag:
    """Where the article's own date and byline are: its <article> or <main>,
    else the whole page."""
    heading = next((h for s in TITLE_SELECTORS for h in soup.select(s)
                    if not _names_the_site(h, page_url)), None)
    if heading is not None:
        for name in ("article", "main"):
            found = heading.find_parent(name)
            if found is not None:
                return found
        if heading.parent is not None and heading.parent.parent is not None:
            return heading.parent.parent
    return soup


def _names_the_site(heading: Tag, page_url: str) -> bool:
    """``<h1><a href="https://blog.goo.ne.jp/jgccg115">the blog's name</a></h1>``
    on ``…/jgccg115/e/5d8c…``: a heading that is only a link to the home page,
    or to a folder above the page, names the site, not the article."""
    links = heading.find_all("a")
    if len(links) != 1 or text.clean(links[0].get_text(" ")) != text.clean(heading.get_text(" ")):
        return False
    target = urlsplit(links[0].get("href") or "")
    path = target.path.rstrip("/")
    if target.query or target.fragment or not links[0].get("href"):
        return False  # «?p=123», «#top»: the page itself
    if not path:
        return True
    page = urlsplit(page_url or "")
    same_site = not target.netloc or target.netloc == page.netloc
    return same_site and page.path.rstrip("/") != path and page.path.startswith(path + "/")


def _time_attribute(scope: Tag, *selectors: str) -> SourceDate | None:
    for selector in selectors:
        for element in scope.select(selector):
            if page_kind.inside_widget(element):
                continue
            found = datetimes.from_any(element.get("datetime") or element.get("content"))
            if found:
                return found
    return None


def _published(soup, article: dict, scope: Tag, content: Tag | None,
               tz: str = datetimes.dates.DEFAULT_TIMEZONE):
    """The publication date and, without one, why date-like text was not
    used.  Metadata first; a day alone there is kept unless the page's own
    markup gives the same day with its time."""
    day_only = None
    for found in _published_metadata(soup, article, scope, tz):
        if found is None:
            continue
        if not datetimes.is_day_only(found):
            if day_only is None or found.text.startswith(day_only.text):
                return found, ""
            continue
        day_only = day_only or found
    if day_only is not None:
        return day_only, ""
    note = ""
    first_day = None
    for selector in DATE_ELEMENT_SELECTORS:
        for element in scope.select(selector):
            if page_kind.inside_widget(element) or (
                    content is not None and content in element.parents):
                continue
            found, why = datetimes.from_visible(element.get_text(" "), tz)
            if found and not datetimes.is_day_only(found):
                return found, ""
            first_day = first_day or found
            note = note or why
    heading = scope.find("h1")
    if heading is not None and heading.parent is not None:
        found, why = datetimes.from_visible(heading.parent.get_text(" "), tz)
        if found and not datetimes.is_day_only(found):
            return found, ""
        first_day = first_day or found
        note = note or why
    return (first_day, "") if first_day else (None, note)


def _main_metadata(soup, article: dict, tz: str):
    """The page's own statements of its publication date: JSON-LD, the
    ``article:``/``og:`` published time, ``<meta itemprop=datePublished>``."""
    yield datetimes.from_any(article.get("datePublished"), tz)
    for name in PUBLISHED_METAS[:2]:
        yield datetimes.from_any(meta(soup, name), tz)
    for element in soup.select("meta[itemprop=datePublished]"):
        yield datetimes.from_any(element.get("content"), tz)


def _published_metadata(soup, article: dict, scope: Tag, tz: str):
    """Candidate dates from JSON-LD, meta tags (``<meta itemprop=datePublished>``
    in ``<head>`` included) and ``<time>`` markup, most reliable first."""
    yield from _main_metadata(soup, article, tz)
    yield _time_attribute(scope, "time.published[datetime]", "time.entry-date[datetime]",
                          "[itemprop=datePublished]", "time[datetime]")
    for name in PUBLISHED_METAS[2:]:
        yield datetimes.from_any(meta(soup, name), tz)


def _categories(soup, graph: jsonld.Graph, article: dict, page_url: str) -> list[list[str]]:
    """Candidate category names, in groups from most to least reliable."""
    groups = [jsonld.strings(article.get("articleSection")), metas(soup, "article:section")]
    links = []
    for selector in CATEGORY_SELECTORS:
        for link in soup.select(selector):
            if page_kind.inside_widget(link):
                continue  # a "related posts" box shows other posts' categories
            links.append(link.get_text(" "))
            links += url_categories(absolute(link.get("href") or "", page_url))
    groups.append(links)
    crumbs = []
    for node in graph.of_types({"BreadcrumbList"}):
        for item in node.get("itemListElement") or []:
            item = graph.deref(item)
            if not isinstance(item, dict):
                continue
            inner = graph.deref(item.get("item"))
            name = item.get("name")
            if not isinstance(name, str) and isinstance(inner, dict):
                name = inner.get("name")
            if isinstance(name, str):
                crumbs.append(name)
            if isinstance(inner, str):
                crumbs += url_categories(inner)
    for selector in BREADCRUMB_SELECTORS:
        crumbs += [element.get_text(" ") for element in soup.select(selector)]
    groups.append(crumbs)
    segments = path_segments(page_url)[:-1] if is_web_url(page_url) else []
    groups.append(url_categories(page_url) + [s for s in segments if not s.isdigit()])
    return [[text.clean(n) for n in group if text.clean(n)] for group in groups]


def _tags(soup, article: dict) -> list[str]:
    sources = [
        jsonld.strings(article.get("keywords")),
        [t for m in metas(soup, "article:tag") for t in jsonld.strings(m)],
        [a.get_text(" ") for a in soup.select("a[rel~=tag]")
         if "category" not in (a.get("rel") or []) and not page_kind.inside_widget(a)],
        _labelled_tags(soup),
        [t for m in metas(soup, "news_keywords") for t in jsonld.strings(m)],
    ]
    for names in sources:
        cleaned = _unique([text.clean(n) for n in names if text.clean(n)])
        if cleaned:
            return cleaned
    return []


def _labelled_tags(soup) -> list[str]:
    """The list after «الكلمات المفتاحية»: links, or plain comma-separated text."""
    root = soup.body or soup
    for block in blocks.find_blocks(root, blocks.TAG_LABELS, plain_text=True):
        links = [a.get_text(" ") for a in block.links]
        if links:
            return links
        _, _, rest = block.text.partition(":")
        return [part for part in re.split(r"[,،]", rest) if part.strip()]
    return []


def _authors(soup, graph: jsonld.Graph, article: dict, scope: Tag,
             site_keys: set[str] = frozenset()) -> list[str]:
    """The first source that names someone other than the site itself."""
    def people(names):
        return _unique([text.clean(n) for n in names
                        if text.clean(n) and blocks.norm(n) not in site_keys])

    names = people(graph.names(article.get("author")) if article else [])
    if not names:
        names = people([m for m in metas(soup, "author") + metas(soup, "article:author")
                        if not is_web_url(m)])[:1]
    if not names:
        for selector in AUTHOR_SELECTORS:
            names = people([e.get_text(" ") for e in scope.select(selector)
                            if not page_kind.inside_widget(e)])
            if names:
                break
    return names


def _summary(soup, article: dict) -> str:
    for value in (article.get("description"), meta(soup, "og:description"),
                  meta(soup, "description")):
        if isinstance(value, str) and text.clean(value):
            value = re.sub(r"\s*(\[(?:…|\.\.\.|&hellip;)\]|\[\s*\])\s*$", "…", text.clean(value))
            return text.clean(value)
    return ""


def _lead(soup, graph: jsonld.Graph, article: dict, content: Tag | None, page_url: str):
    url, caption = graph.image(article.get("image")) if article else ("", "")
    url = url or meta(soup, "og:image") or meta(soup, "twitter:image")
    sources = []
    for selector in FEATURED_SELECTORS:
        img = soup.select_one(selector)
        if img is None or (content is not None and content in img.parents):
            continue
        sources = [img.get(a) for a in ("src", "data-src", "data-lazy-src") if img.get(a)]
        figure = img.find_parent("figure")
        if figure is not None and figure.find("figcaption") and not caption:
            caption = figure.find("figcaption").get_text(" ")
        # A src a browser rewrote to "Page_files/x.jpg" says nothing of the old address.
        url = url or next((s for s in sources if is_web_url(absolute(s, page_url))
                           and "_files/" not in s), "")
        break
    if not url and not sources:
        return None, []
    url = absolute(url, page_url) if url else ""
    return LeadImage(None, url if is_web_url(url) else "", text.clean(caption)), sources + [url]


def _unique(names: list[str]) -> list[str]:
    seen, out = set(), []
    for name in names:
        if text.term_key(name) not in seen:
            seen.add(text.term_key(name))
            out.append(name)
    return out
