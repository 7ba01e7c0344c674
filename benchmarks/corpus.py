"""A synthetic Arabic news archive for benchmarks, deterministic by seed.

``generate(root, articles, seed, fmt)`` writes ``root/articles/YYYY/MM/<slug>.md``:

* ``fmt="arshif"``: YAML front matter between ``---`` lines (title, date,
  section as an Arabic path of the real ``ARSHIF_SECTIONS`` tree, tags,
  summary, author, dateline, source), then a Markdown body;
* ``fmt="pelican"``: the same articles with Pelican's Markdown metadata
  (``Title:``, ``Date:``, ``Category:`` the section's own Arabic name,
  ``Tags:``, ``Slug:``, ``Summary:``, ``Author:``) for bare Pelican.

Both formats draw the same random numbers in the same order, so article N is
the same article (slug, date, tags, body) in both corpora, and the files are
byte-identical from one run to the next for one seed (nothing depends on
hash order, the clock or the platform).

Shape of the archive: dates spread evenly over 2011-2025; ~3,000 distinct
Arabic tags (a noun alone, or a noun with a qualifier or a place), 2-8 per
article drawn with a Zipf law (the first tags are on a large share of the
archive, most are rare); ~200 invented authors on about half the articles;
a summary on about half; 5-12 paragraphs of 40-80 words with an occasional
``##`` heading, list and blockquote: about 5 KB per article.

Command line: ``python3 benchmarks/corpus.py ROOT --articles N [--seed S] [--format pelican]``.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import os
import random
import shutil
import sys
import time
from datetime import datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
if REPO not in sys.path:
    sys.path.insert(0, REPO)

MARKER = ".arshif-bench-corpus"  # generate() only ever empties a folder carrying it
FORMATS = ("arshif", "pelican")
TAG_COUNT = 3000
AUTHOR_COUNT = 200
ZIPF_S = 1.0  # tag rank r is drawn with weight 1 / r**ZIPF_S
FIRST_DAY = datetime(2011, 1, 1)
LAST_DAY = datetime(2025, 12, 31, 23, 59)

# ---------------------------------------------------------------------------
# Vocabulary.  Plain letters only (no tashkeel, no quotes, no ':' or ','), so
# every string is safe unquoted in Pelican metadata and quoted in YAML.

WORDS = """
الحكومة البرلمان الوزير الوزارة المجلس اللجنة الجماعة الجهة الإقليم المدينة
القرية المواطنين الساكنة الشباب النساء الأطفال الأسر التلاميذ الطلبة الأساتذة
الأطباء الفلاحين العمال المقاولات الشركات البنوك الأسواق الأسعار الميزانية
المشروع المشاريع البرنامج الاستراتيجية الإصلاح القانون المرسوم القرار الاتفاقية
الشراكة التعاون الاستثمار التنمية النمو التضخم البطالة الشغل الصحة التعليم
السكن النقل الطرق الموانئ المطارات القطارات الماء الكهرباء الطاقة الفلاحة
الصيد السياحة الصناعة التجارة التصدير الاستيراد الثقافة الفن المسرح السينما
الموسيقى الكتاب المعرض المهرجان الرياضة المنتخب البطولة المباراة الملعب
الجمهور المدرب اللاعبين الهدف الفوز الهزيمة التعادل الموسم الدورة النسخة
الحدث الندوة اللقاء الاجتماع الزيارة الوفد الرئيس المدير المسؤول الخبراء
الباحثين الجامعة المدرسة المستشفى المركز المؤسسة الجمعية النقابة الحزب
المعارضة الأغلبية الانتخابات الحملة التصويت الدستور العدالة المحكمة القضاء
الأمن الشرطة الدرك الحماية الوقاية المراقبة التحقيق الملف القضية الشكاية
الحادث الحريق الفيضانات الأمطار الجفاف الثلوج الرياح الحرارة المناخ البيئة
الغابات الشواطئ الجبال الصحراء الواحات السدود الآبار المياه الحبوب الزيتون
الحوامض الأسماك اللحوم الحليب الخضر الفواكه الأدوية اللقاحات المرضى العلاج
الرقمنة الإنترنت الهواتف التطبيقات المنصة البيانات الذكاء الابتكار البحث
العلمي التكوين المهني الإدماج الاجتماعي الدعم المباشر التغطية الصحية
الحماية الاجتماعية الأجور المعاشات الضرائب الديون الصادرات الواردات العملة
الدرهم الأورو الدولار النفط الغاز الفوسفاط المعادن الطاقات المتجددة الرياح
الشمس الهيدروجين الأخضر السيارات الطائرات السفن الحاويات اللوجستيك الموانئ
وقال وأضاف وأكد وأوضح وأشار وكشف وأعلن وذكر واعتبر وشدد وتابع وأبرز
أن إلى على في من عن مع بين خلال بعد قبل حول ضمن لدى عند منذ حتى
هذا هذه ذلك تلك التي الذي الذين كما وقد قد لم لن لا ما كل بعض
أكثر أقل أهم أبرز أول آخر جديد جديدة كبير كبيرة صغير مهم مهمة واسع
اليوم أمس غدا الأسبوع الشهر السنة العام المقبل الماضي الجاري الحالي
المغرب المملكة الرباط الدار البيضاء فاس مراكش طنجة أكادير وجدة مكناس
تطوان العيون الداخلة إفريقيا أوروبا فرنسا إسبانيا الجزائر تونس موريتانيا
السنغال مصر الخليج العالم الدولي الوطني المحلي الجهوي الإقليمي القاري
بشكل بنسبة بقيمة مليون مليار درهم نقطة بالمائة رقم مستوى مرحلة فترة
يعرف يشهد يعيش يواجه يتطلب يساهم يهدف يمكن ينبغي يجب تم سيتم جرى
""".split()

TITLE_OPENERS = """
انطلاق توقيع إطلاق افتتاح تنظيم تقديم إعلان تأجيل تعزيز ارتفاع انخفاض
تراجع استقبال تدشين مناقشة المصادقة على اختتام تتويج فوز تعادل هزيمة
""".split()

TAG_NOUNS = """
الاقتصاد السياسة التعليم الصحة الرياضة الثقافة الفلاحة السياحة الصناعة
التجارة الاستثمار الطاقة الماء البيئة المناخ النقل السكن التشغيل البطالة
الشباب المرأة الطفولة الهجرة الأمن القضاء العدالة الانتخابات البرلمان
الحكومة الأحزاب النقابات الجمعيات الجامعة البحث الابتكار الرقمنة الإعلام
الصحافة السينما المسرح الموسيقى الكتاب التراث الآثار الفنون الأدب الشعر
كرة-القدم ألعاب-القوى الملاكمة التنس كرة-السلة الدراجات الفروسية الغولف
الجفاف الفيضانات الزلزال الحرائق الأمطار التلوث الغابات البحار الصيد الموانئ
المطارات السكك الطرق السيارات الطيران السدود الكهرباء الغاز النفط الفوسفاط
الضرائب الميزانية الديون التضخم الأسعار الأجور المعاشات التقاعد الدعم
الحماية التغطية الأدوية المستشفيات اللقاحات الأوبئة التلقيح الإسعاف
""".split()
TAG_NOUNS = [n.replace("-", " ") for n in TAG_NOUNS]

TAG_QUALIFIERS = """
الوطني الدولي المحلي الجهوي القروي الحضري الرقمي الأخضر المستدام التضامني
الاجتماعي العمومي الخاص الجديد المغربي الإفريقي الأوروبي المتوسطي العربي
الأمازيغي الحساني الشعبي التقليدي الحديث المعاصر الجامعي المدرسي المهني
الصحي الفلاحي الصناعي البحري الجوي الطاقي المائي المالي الضريبي القانوني
الدستوري الانتخابي النقابي الحزبي الديني الرمضاني الصيفي الشتوي السنوي
""".split()

PLACES = """
الرباط الدار-البيضاء فاس مراكش طنجة أكادير وجدة مكناس تطوان العيون الداخلة
القنيطرة سلا تمارة المحمدية الجديدة آسفي الصويرة بني-ملال خريبكة سطات برشيد
الناظور الحسيمة تازة إفران الراشيدية ورزازات زاكورة طاطا كلميم طانطان
السمارة الرحامنة شفشاون العرائش أصيلة وزان الخميسات سيدي-قاسم تاونات
فرنسا إسبانيا بلجيكا هولندا إيطاليا ألمانيا كندا الجزائر تونس موريتانيا
السنغال مالي نيجيريا مصر قطر الإمارات السعودية فلسطين الأردن تركيا الصين
""".split()
PLACES = [p.replace("-", " ") for p in PLACES]

FIRST_NAMES = """
محمد أحمد يوسف عبد-الله حسن سعيد رشيد كريم عمر إدريس مصطفى هشام خالد نبيل
فاطمة خديجة مريم سناء نادية ليلى سلمى حنان كريمة أسماء زينب سعاد هند إيمان
""".split()
FAMILY_NAMES = """
العلوي الإدريسي بنعلي الفاسي التازي البقالي الحسني الوزاني المراكشي الصنهاجي
بوزيان الزياني الشرقاوي بنجلون العمراني الكتاني الركراكي السوسي الريفي
الدكالي بنموسى الطاهري الخياري المنصوري القادري
""".split()
FIRST_NAMES = [n.replace("-", " ") for n in FIRST_NAMES]

SOURCES = ["خاص", "و م ع", "وكالات", "متابعة", "بلاغ", "مراسلة"]
LATIN = """
report update news story brief analysis focus dossier review file
interview profile event forum meeting visit plan launch deal case
""".split()


# ---------------------------------------------------------------------------

def sections_from_settings() -> list[tuple[str, str, str, float]]:
    """``(arabic_path, leaf_name, slug_path, weight)`` for every section
    articles may name: each leaf under its parent (``خارج الحدود/إفريقيا``),
    each top-level section without children, and, with a smaller weight, the
    top-level sections that have children (articles filed in the parent)."""
    import pelicanconf

    out = []
    for top in pelicanconf.ARSHIF_SECTIONS:
        children = top.get("children") or []
        if not children:
            out.append((top["name"], top["name"], top["slug"], 1.0))
            continue
        out.append((top["name"], top["name"], top["slug"], 0.3))
        for child in children:
            out.append((f"{top['name']}/{child['name']}", child["name"],
                        f"{top['slug']}/{child['slug']}", 1.0))
    return out


def make_tags(rng: random.Random, count: int = TAG_COUNT) -> list[str]:
    """``count`` distinct tags, in rank order (rank 1 = most used)."""
    singles = TAG_NOUNS + PLACES
    pairs = [f"{n} {q}" for n, q in itertools.product(TAG_NOUNS, TAG_QUALIFIERS)]
    pairs += [f"{n} {p}" for n, p in itertools.product(TAG_NOUNS, PLACES)]
    rng.shuffle(pairs)
    seen: dict[str, None] = {}  # ordered set; keys compared as Arshif does (spaces folded)
    for tag in singles + pairs:
        key = " ".join(tag.split())
        if key not in seen:
            seen[key] = None
        if len(seen) == count:
            break
    tags = list(seen)
    if len(tags) < count:
        raise ValueError(f"only {len(tags)} distinct tags can be made; asked for {count}")
    # Common tags are mostly the plain nouns, but not strictly in list order.
    head, tail = tags[:len(singles)], tags[len(singles):]
    rng.shuffle(head)
    return head + tail


def make_authors(rng: random.Random, count: int = AUTHOR_COUNT) -> list[str]:
    names = [f"{f} {l}" for f, l in itertools.product(FIRST_NAMES, FAMILY_NAMES)]
    rng.shuffle(names)
    return names[:count]


def cumulative(weights) -> list[float]:
    return list(itertools.accumulate(weights))


def zipf_weights(n: int, s: float) -> list[float]:
    return [1.0 / (rank ** s) for rank in range(1, n + 1)]


def draw_distinct(rng: random.Random, cum: list[float], k: int) -> list[int]:
    """``k`` distinct indexes drawn by the cumulative weights ``cum``."""
    total = cum[-1]
    chosen: list[int] = []
    while len(chosen) < k:
        index = bisect.bisect_right(cum, rng.random() * total)
        if index >= len(cum):
            index = len(cum) - 1
        if index not in chosen:
            chosen.append(index)
    return chosen


def sentence(rng: random.Random, low: int = 8, high: int = 16) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    if len(words) > 9 and rng.random() < 0.5:
        words[rng.randint(3, len(words) - 4)] += "،"
    return " ".join(words) + "."


def paragraph(rng: random.Random) -> str:
    target = round(rng.triangular(40, 80, 40))  # 40-80 words, mostly short
    parts, count = [], 0
    while count < target:
        n = min(rng.randint(8, 16), max(4, target - count))
        parts.append(sentence(rng, n, n))
        count += n
    return " ".join(parts)


def body(rng: random.Random) -> str:
    count = 5 + min(7, int(rng.triangular(0, 8, 0)))  # 5-12 paragraphs, mostly few
    paragraphs = [paragraph(rng) for _ in range(count)]
    blocks = list(paragraphs)
    if rng.random() < 0.35:  # a sub-heading before a later paragraph
        where = rng.randint(2, len(blocks) - 1)
        blocks.insert(where, "## " + " ".join(rng.choices(WORDS, k=rng.randint(3, 6))))
    if rng.random() < 0.2:
        items = ["- " + " ".join(rng.choices(WORDS, k=rng.randint(4, 10)))
                 for _ in range(rng.randint(3, 5))]
        blocks.insert(rng.randint(1, len(blocks)), "\n".join(items))
    if rng.random() < 0.25:
        quote = " ".join(rng.choices(WORDS, k=rng.randint(12, 30)))
        blocks.insert(rng.randint(1, len(blocks)), f"> «{quote}»")
    return "\n\n".join(blocks) + "\n"


def title(rng: random.Random, place: str) -> str:
    words = [rng.choice(TITLE_OPENERS)] + rng.choices(WORDS, k=rng.randint(4, 9))
    if rng.random() < 0.4:
        words += ["في", place]
    return " ".join(words)


def yaml_quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_arshif(a: dict) -> str:
    lines = ["---",
             f"title: {yaml_quoted(a['title'])}",
             f"date: {a['date']}",
             f"section: {a['section']}",
             "tags: [" + ", ".join(yaml_quoted(t) for t in a["tags"]) + "]"]
    if a["summary"]:
        lines.append(f"summary: {yaml_quoted(a['summary'])}")
    if a["author"]:
        lines.append(f"author: {a['author']}")
    lines.append(f"dateline: {a['dateline']}")
    lines.append(f"source: {a['source']}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + a["body"]


def render_pelican(a: dict) -> str:
    lines = [f"Title: {a['title']}",
             f"Date: {a['date']}",
             f"Category: {a['category']}",
             f"Tags: {', '.join(a['tags'])}",
             f"Slug: {a['slug']}"]
    if a["summary"]:
        lines.append(f"Summary: {a['summary']}")
    if a["author"]:
        lines.append(f"Author: {a['author']}")
    return "\n".join(lines) + "\n\n" + a["body"]


def iter_articles(count: int, seed: int = 1):
    """The articles as dicts, in generation order (not date order)."""
    rng = random.Random(f"arshif-bench-{seed}")
    tags = make_tags(rng)
    authors = make_authors(rng)
    sections = sections_from_settings()
    tag_cum = cumulative(zipf_weights(len(tags), ZIPF_S))
    author_cum = cumulative(zipf_weights(len(authors), 0.7))
    section_cum = cumulative(w for *_, w in sections)
    span_minutes = int((LAST_DAY - FIRST_DAY).total_seconds() // 60)
    cities = PLACES[:40]
    for index in range(1, count + 1):
        moment = FIRST_DAY + timedelta(minutes=rng.randrange(span_minutes + 1))
        path, leaf, slug_path, _ = sections[draw_distinct(rng, section_cum, 1)[0]]
        tag_list = [tags[i] for i in draw_distinct(rng, tag_cum, rng.randint(2, 8))]
        place = rng.choice(cities)
        a = {
            "index": index,
            "slug": "a-{:06d}-{}-{}".format(index, slug_path.rsplit("/", 1)[-1],
                                           rng.choice(LATIN)),
            "date": moment.strftime("%Y-%m-%d %H:%M"),
            "year": moment.year,
            "month": moment.month,
            "section": path,
            "category": leaf,
            "tags": tag_list,
            "title": title(rng, place),
            "summary": (" ".join(rng.choices(WORDS, k=rng.randint(15, 25))) + "."
                        if rng.random() < 0.5 else ""),
            "author": (authors[draw_distinct(rng, author_cum, 1)[0]]
                       if rng.random() < 0.5 else ""),
            "dateline": place,
            "source": rng.choice(SOURCES),
        }
        a["body"] = body(rng)
        yield a


def _prepare(root: str) -> None:
    """Empty ``root`` if it is a corpus written here before; refuse anything else."""
    marker = os.path.join(root, MARKER)
    if os.path.isdir(root) and os.listdir(root):
        if not os.path.isfile(marker):
            raise FileExistsError(f"{root} is not empty and is not a benchmark corpus "
                                  f"(no {MARKER}); refusing to overwrite it")
        shutil.rmtree(root)
    os.makedirs(root, exist_ok=True)
    with open(marker, "w", encoding="utf-8") as handle:
        handle.write("written by benchmarks/corpus.py; safe to delete\n")


def generate(root: str, articles: int, seed: int = 1, fmt: str = "arshif") -> dict:
    """Write the corpus under ``root`` (emptied first) and return its statistics."""
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
    started = time.perf_counter()
    _prepare(root)
    render = render_arshif if fmt == "arshif" else render_pelican
    made_dirs: set[str] = set()
    tag_uses: dict[str, int] = {}
    sections: dict[str, int] = {}
    authors: dict[str, int] = {}
    years: dict[int, int] = {}
    total_bytes = 0
    summaries = 0
    for a in iter_articles(articles, seed):
        folder = os.path.join(root, "articles", f"{a['year']:04d}", f"{a['month']:02d}")
        if folder not in made_dirs:
            os.makedirs(folder, exist_ok=True)
            made_dirs.add(folder)
        data = render(a).encode("utf-8")
        with open(os.path.join(folder, a["slug"] + ".md"), "wb") as handle:
            handle.write(data)
        total_bytes += len(data)
        for tag in a["tags"]:
            tag_uses[tag] = tag_uses.get(tag, 0) + 1
        sections[a["section"]] = sections.get(a["section"], 0) + 1
        if a["author"]:
            authors[a["author"]] = authors.get(a["author"], 0) + 1
        years[a["year"]] = years.get(a["year"], 0) + 1
        summaries += bool(a["summary"])
    top = sorted(tag_uses.items(), key=lambda item: (-item[1], item[0]))
    return {
        "root": root,
        "format": fmt,
        "seed": seed,
        "articles": articles,
        "bytes": total_bytes,
        "bytes_per_article": round(total_bytes / articles) if articles else 0,
        "tag_pool": TAG_COUNT,
        "tags": len(tag_uses),
        "tag_assignments": sum(tag_uses.values()),
        "tags_used_once": sum(1 for n in tag_uses.values() if n == 1),
        "top_tags": [[name, n] for name, n in top[:5]],
        "authors": len(authors),
        "with_author": sum(authors.values()),
        "with_summary": summaries,
        "sections": len(sections),
        "years": {str(y): years[y] for y in sorted(years)},
        "seconds": round(time.perf_counter() - started, 2),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=FORMATS, default="arshif")
    args = parser.parse_args(argv)
    stats = generate(args.root, args.articles, args.seed, args.format)
    print(json.dumps(stats, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
