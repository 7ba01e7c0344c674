"""WordPress export -> articles: posts with their categories, tags, authors,
dates and excerpts; drafts as ``status: draft``; attachments not articles."""

from __future__ import annotations

from arshif.importer import autop

from importer_testkit import imported, read_article  # noqa: F401 (fixtures)

HYDROGEN = "articles/2024/01/الهيدروجين-الأخضر-الداخلة.md"
DRAFT = "articles/2024/01/مسودة-الدخول-المدرسي-في-العالم-القروي.md"


def test_published_post(imported):
    content, _run = imported
    fields, body = read_article(content / HYDROGEN)
    assert fields == {
        "title": "الداخلة تستقبل أول مشروع للهيدروجين الأخضر",
        # wp:post_date 14:45 with wp:post_date_gmt 13:45: the offset is kept.
        "date": "2024-01-08T14:45:00+01:00",
        "section": "اقتصاد",
        "tags": ["الهيدروجين", "الداخلة", "الطاقات المتجددة"],
        "summary": "انطلاق أشغال أول مشروع لإنتاج الهيدروجين الأخضر في الأقاليم الجنوبية "
                   "باستثمار يناهز عشرة ملايير درهم.",
        "author": "سعاد بنعلي",  # dc:creator "sbenali" -> wp:author_display_name
        "dateline": "الداخلة",
        "source": "و.م.ع",
        # The featured image (an attachment) is not in the export: its address only.
        "original_image_url": "https://akhbar.example/wp-content/uploads/2024/01/dakhla-wind.jpg",
        "image_caption": "حقل للطاقة الريحية قرب الداخلة",
        "original_url": "https://akhbar.example/2024/01/08/%d8%a7%d9%84%d9%87%d9%8a%d8%af%d8%b1"
                        "%d9%88%d8%ac%d9%8a%d9%86-%d8%a7%d9%84%d8%a3%d8%ae%d8%b6%d8%b1-%d8%a7%d9%84"
                        "%d8%af%d8%a7%d8%ae%d9%84%d8%a9/",
        # «اقرأ أيضا» in the post links to a page imported from the mirror.
        "related": ["sahel-security"],
    }
    paragraphs = [p for p in body.strip().split("\n\n")]
    assert paragraphs == [
        "أعطيت، اليوم الاثنين بالداخلة، انطلاقة أشغال أول مشروع لإنتاج الهيدروجين الأخضر في "
        "الأقاليم الجنوبية، باستثمار يناهز عشرة ملايير درهم.",
        "ويهدف المشروع إلى إنتاج الهيدروجين انطلاقا من الطاقة الريحية والشمسية، وتوجيه جزء من "
        "الإنتاج نحو التصدير<br>\nعبر ميناء الداخلة الأطلسي.",
        "## آلاف مناصب الشغل",
        "وحسب المعطيات المقدمة، سيوفر المشروع حوالي ثلاثة آلاف منصب شغل خلال مرحلة البناء، "
        "وألف منصب دائم عند بدء الاستغلال.",
        "ويندرج المشروع ضمن استراتيجية وطنية تروم جعل المملكة فاعلا إقليميا في مجال الطاقات النظيفة.",
    ]


def test_draft_post(imported):
    content, _run = imported
    fields, body = read_article(content / DRAFT)
    assert fields == {
        "title": "مسودة: الدخول المدرسي في العالم القروي",
        "date": "2024-01-12 09:30",  # a draft has no GMT date: local time
        "section": "مجتمع/تربية وتعليم",  # the deepest of «مجتمع» and «التعليم»
        "author": "كمال الإدريسي",
        "original_url": "https://akhbar.example/?p=5020",
        "status": "draft",
    }
    assert body == ("\nيواجه التلاميذ في عدد من الدواوير صعوبات في التنقل إلى المدارس مع بداية الموسم.\n\n"
                    "- نقص في النقل المدرسي.\n- بعد المؤسسات عن التجمعات السكنية.\n")


def test_attachments_are_not_articles(imported):
    content, run = imported
    assert "akhbar.WordPress.2024-01-15.xml: not articles: 1 attachment" in run.report
    assert not list((content / "articles").rglob("dakhla-wind*"))


def test_autop_wraps_paragraphs_and_drops_shortcodes():
    html = autop.to_html(
        "سطر أول\nسطر ثان\n\n<h2>عنوان</h2>\n\n[gallery ids=\"1,2\"]\n\n"
        "[caption id=\"a\" width=\"300\"]<img src=\"x.jpg\" alt=\"\"> تعليق الصورة[/caption]\n\n"
        "<!-- wp:paragraph -->\nفقرة أخيرة\n<!-- /wp:paragraph -->")
    assert html == ("<p>سطر أول<br>\nسطر ثان</p>\n<h2>عنوان</h2>\n"
                    "<figure><img src=\"x.jpg\" alt=\"\"><figcaption>تعليق الصورة</figcaption></figure>\n"
                    "<p>فقرة أخيرة</p>")
