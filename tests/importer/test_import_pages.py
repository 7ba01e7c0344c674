"""Saved HTML pages -> articles: the exact front matter, a clean body,
pictures copied from the saved copy, «إقرأ أيضًا» links as ``related``."""

from __future__ import annotations

import pytest

from importer_testkit import MIRROR, imported, read_article  # noqa: F401 (fixtures)

SAHEL = "articles/2023/11/sahel-security.md"
MALI = "articles/2023/11/un-mission-mali.md"
PRICES = "articles/2024/03/inflation-ramadan.md"
PORT = "articles/2023/12/tangier-port-record.md"
REMITTANCES = "articles/2023/12/تحويلات-مغاربة-الخارج.md"
NOVELIST = "articles/2023/12/tamazight-novelist-interview.md"

EXPECTED = {
    # JSON-LD in a Yoast @graph: author and image through @id references.
    SAHEL: {
        "title": "دول الساحل تبحث في نيامي خطة مشتركة لتأمين الحدود",
        "date": "2023-11-29T20:54:00+01:00",
        "section": "خارج الحدود/إفريقيا",
        "tags": ["الساحل", "الأمن", "النيجر"],
        "summary": "اجتمع وزراء دفاع دول الساحل في نيامي لبحث خطة مشتركة لتأمين الحدود "
                   "ومواجهة شبكات التهريب.",
        "author": "يوسف الحمري",
        "dateline": "الرباط",
        "source": "متابعة",
        "image": "images/2023/sahel-map.png",
        "image_caption": "خريطة توضيحية لمنطقة الساحل والصحراء",
        # The body's picture from another host (not in the saved copy): its address only.
        "original_images": ["https://cdn.photos.example/agency/sahel-convoy.jpg"],
        "modified": "2023-11-30T09:10:00+01:00",
        "original_url": "https://akhbar.example/2023/11/29/sahel-security/",
        "related": ["un-mission-mali", "drought-water-plan"],
    },
    # No JSON-LD: Open Graph and article:* meta; wget turned the canonical
    # link into "index.html", so og:url is the address.
    MALI: {
        "title": "الأمم المتحدة تنهي رسميا مهمة بعثتها في مالي",
        "date": "2023-11-28T18:30:00+01:00",
        "section": "خارج الحدود/دولي",
        "tags": ["مالي", "الأمم المتحدة"],
        "summary": "أسدل مجلس الأمن الستار على عشر سنوات من عمل بعثة حفظ السلام في مالي، "
                   "وسط تساؤلات حول مستقبل الاستقرار في شمال البلاد.",
        "author": "نادية الوزاني",
        "original_image_url": "https://akhbar.example/wp-content/uploads/2023/11/bamako-un.jpg",
        "original_url": "https://akhbar.example/2023/11/28/un-mission-mali/",
    },
    # Only theme markup: the date as visible text, tags after «الكلمات المفتاحية»,
    # a plain-text dateline, a read-also link wget rewrote to the local copy.
    PRICES: {
        "title": "أسعار الخضر ترتفع مع بداية رمضان",
        "date": "2024-03-14 09:05",
        "section": "اقتصاد",
        "tags": ["الأسعار", "رمضان", "المستهلك"],
        "dateline": "الدار البيضاء",
        "source": "متابعة",
        "original_url": "https://akhbar.example/2024/03/14/inflation-ramadan/",
        "related": ["un-mission-mali"],
    },
    # Unclosed tags, truncated in the middle of a sentence.
    PORT: {
        "title": "ميناء طنجة المتوسط يحقق رقما قياسيا جديدا",
        "date": "2023-12-02T11:15:00+01:00",
        "section": "اقتصاد",
        "dateline": "طنجة",
        "source": "و.م.ع",
        "original_url": "https://akhbar.example/2023/12/02/tangier-port-record/",
    },
    # windows-1256, declared with http-equiv; Arabic slug percent-encoded in og:url.
    REMITTANCES: {
        "title": "تحويلات مغاربة الخارج تبلغ مستوى غير مسبوق",
        "date": "2023-12-05T10:00:00+01:00",
        "section": "خارج الحدود/مغاربة العالم",
        "original_url": "https://akhbar.example/2023/12/05/%D8%AA%D8%AD%D9%88%D9%8A%D9%84%D8%A7%D8%AA"
                        "-%D9%85%D8%BA%D8%A7%D8%B1%D8%A8%D8%A9-%D8%A7%D9%84%D8%AE%D8%A7%D8%B1%D8%AC/",
    },
    # Browser "save page as": the address only in the "saved from url"
    # comment, the picture in Page_files/ under a URL-encoded name.
    NOVELIST: {
        "title": "الروائية ثيزيري أوعلي: الكتابة بالأمازيغية مقاومة للنسيان",
        "date": "2023-12-10T17:20:00+01:00",
        "section": "ثقافة وفن",
        "author": "حسن أيت بها",
        "image": "images/2023/novelist-portrait.png",
        "image_caption": "الروائية ثيزيري أوعلي في معرض الكتاب",
        "modified": "2023-12-11T08:00:00+01:00",
        "original_url": "https://akhbar.example/2023/12/10/tamazight-novelist-interview/",
    },
}

BOILERPLATE = [
    "شارك على", "شارك هذا المقال", "فيسبوك", "تويتر", "واتساب",  # share bars
    "النشرة البريدية", "بريدك الإلكتروني", "اشتراك",  # newsletter
    "تعليق", "أضف تعليق",  # comments
    "آخر الأخبار", "توقعات بأمطار", "الأكثر قراءة",  # widgets
    "إقرأ أيضًا", "اقرأ أيضا", "الأمم المتحدة تنهي", "لم يعد موجودا",  # read-also lists
    "مقالات ذات صلة", "إعلان", "استطلاع", "adsbygoogle", "<script", "document.write",
    "الكلمات المفتاحية", "الوسوم", "cdn.photos.example", "sahel-convoy",
    "صورة من وكالة",  # caption of a picture that is not in the saved copy
]


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_front_matter_is_exactly_what_the_page_says(imported, path):
    content, _run = imported
    fields, _body = read_article(content / path)
    assert fields == EXPECTED[path]


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_body_has_no_boilerplate(imported, path):
    content, _run = imported
    _fields, body = read_article(content / path)
    assert body.strip()
    for words in BOILERPLATE:
        assert words not in body, f"{words!r} left in {path}"


def test_body_keeps_the_article_and_its_structure(imported):
    content, _run = imported
    _fields, body = read_article(content / SAHEL)
    assert body.startswith("\nاجتمع وزراء دفاع دول الساحل، أمس الثلاثاء")  # dateline taken out
    assert "## الحدود الجنوبية في صلب النقاش" in body
    assert "> «أمن المنطقة كل لا يتجزأ" in body
    assert "[برنامج لتكوين](https://akhbar.example/tag/niger/)" in body
    # The picture in the saved copy is copied; the lead picture is not repeated.
    assert "![جانب من اجتماع وزراء الدفاع في نيامي](/images/2023/niamey-meeting.png)" in body
    assert "*جانب من اجتماع وزراء الدفاع في نيامي*" in body
    assert "sahel-map" not in body
    assert body.rstrip().endswith("قبل نهاية الربع الأول.")

    _fields, body = read_article(content / MALI)
    assert "- نقل المعدات الثقيلة عبر الموانئ المجاورة." in body
    assert "> «انتهاء البعثة" in body and "## انسحاب على مراحل" in body

    _fields, body = read_article(content / PORT)  # what the truncated page still had
    assert "**توسعة الأرصفة**" in body
    assert body.rstrip().endswith("*ينتظر أن تدخل الخدمة خلال*")
    assert not body.lstrip().startswith("طنجة")

    _fields, body = read_article(content / REMITTANCES)  # decoded from windows-1256
    assert "بلغت تحويلات المغاربة المقيمين بالخارج" in body

    _fields, body = read_article(content / NOVELIST)
    assert "### لماذا اخترت الكتابة بالأمازيغية؟" in body
    assert "[سوس](https://fr.wikipedia.org/wiki/Souss)" in body


def test_pictures_are_copied_from_the_saved_copy(imported):
    content, _run = imported
    uploads = MIRROR / "akhbar.example" / "wp-content" / "uploads" / "2023" / "11"
    assert (content / "images/2023/sahel-map.png").read_bytes() == (uploads / "sahel-map.png").read_bytes()
    assert (content / "images/2023/niamey-meeting.png").read_bytes() == \
        (uploads / "niamey-meeting.png").read_bytes()
    assert (content / "images/2023/novelist-portrait.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert sorted(p.name for p in (content / "images").rglob("*") if p.is_file()) == [
        "niamey-meeting.png", "novelist-portrait.png", "sahel-map.png"]


def test_pages_that_are_not_articles_are_reported_not_imported(imported):
    content, run = imported
    assert run.status_of("category/politique/index.html") == "skipped"
    assert "not an article page (a section front)" in run.report
    assert run.status_of("amp/sahel-security.html") == "skipped"
    assert "duplicate of" in run.report
    # Nothing else was written: 8 imported + the hand-written article.
    assert len(list((content / "articles").rglob("*.md"))) == 9


def test_files_a_browser_saved_with_a_page_are_not_read_as_pages(imported):
    _content, run = imported
    assert "saved_resource.html" not in run.report
