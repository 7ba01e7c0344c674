"""Migration from other generators: a Jekyll _posts/, a Hugo or a Zola
content/ folder -> articles in this project's front matter.  Real posts
(fixtures/real, see the README there) and the cases they do not cover."""

from __future__ import annotations

import shutil
import textwrap

import pytest

from importer_testkit import FIXTURES, Run, build_site, content, read_article, tiny_png  # noqa: F401


REAL = FIXTURES / "real"
MAPPING = str(REAL / "migration.mapping.yaml")
JEKYLL = "articles/2016/05/welcome-to-jekyll.md"
HUGO = "articles/2026/09/digital-rain.md"
ZOLA = "articles/2022/10/shortcodes.md"


@pytest.fixture
def sites(tmp_path):
    """The real posts as their sites keep them; the Zola page bundle sits in
    a section folder (تقنية), as Zola sections are folders."""
    root = tmp_path / "sites"
    shutil.copytree(REAL / "jekyll", root / "jekyll")
    shutil.copytree(REAL / "hugo", root / "hugo")
    shutil.copytree(REAL / "zola/content/shortcodes", root / "zola/content/تقنية/shortcodes")
    return root


def run(content, paths, **options):
    return Run(content, paths, mapping_path=MAPPING, **options)


def write(path, source: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source).lstrip("\n"), encoding="utf-8")
    return path


def test_jekyll_post(content, sites):
    result = run(content, [sites / "jekyll/_posts"])
    assert result.code == 0, result.report
    fields, body = read_article(content / JEKYLL)
    assert fields == {
        "title": "مرحباً بك في جيكل!",
        "date": "2016-05-27 20:10 +0300",  # the offset as written
        "section": "تكنولوجيا وعلوم",  # categories: jekyll update (update maps to ~)
    }
    # {% highlight %} is a code block; kramdown's {:style=…} is left out and reported.
    assert "```ruby\ndef print_hi(name)\n  puts \"Hi, #{name}\"\nend\n" in body
    assert "{%" not in body and "{:" not in body
    assert result.status_of("welcome-to-jekyll.md") == "imported"
    assert ("(left out of the body: 1 piece of template code (line 12 "
            "{:style=\"direction:ltr;\"}))") in result.report


def test_hugo_post_with_toml_front_matter(content, sites):
    result = run(content, [sites / "hugo/content"])
    assert result.code == 0, result.report
    fields, body = read_article(content / HUGO)  # digital-rain.ar.md: the language suffix goes
    assert fields == {
        "title": "المطر الرقمي",
        "date": "2026-09-09",  # a day alone stays a day
        "section": "تكنولوجيا وعلوم",
        "tags": ["revrain", "hugo"],
        "summary": "إعداد رسم المطر الرقمي بنمط Matrix: مجموعة المحارف، حجم الخط، احتمال "
                   "القمر، واحتمال إعادة الضبط.",
    }
    assert body.startswith("\n## التفعيل\n\n```toml\n[params.digital_rain]\nenable = true\n```")


def test_zola_post_shortcodes_are_left_out_and_reported(content, sites):
    result = run(content, [sites / "zola/content"])
    assert result.code == 0, result.report
    fields, body = read_article(content / ZOLA)  # a page bundle: the folder is the slug
    assert fields == {
        "title": "الاختصارات",
        "date": "2022-10-20",
        "section": "تكنولوجيا وعلوم",  # the section folder تقنية, through the mapping
        "tags": ["markdown", "css", "html"],
        "summary": "اختصارات قالب لينكيتا.",
        "modified": "2025-04-20",  # Zola's updated
    }
    assert "{% admonition(" not in body.replace('{% admonition(type="tip"', "")
    assert "{{ gallery(alt" not in body
    # Escaped shortcodes are what the old site showed as text.
    assert "```markdown\n{% mermaid() %}\n" in body
    assert "```markdown\n{{ gallery() }}\n```" in body
    assert "## Mermaid\n" in body  # the heading id {#mermaid-header} is an anchor, not text
    assert ("(left out of the body: 5 pieces of template code (line 46 {% mermaid() %}, "
            "line 54 {% end %}, line 68 {% admonition(type=\"note\", title=\"ملاحظة\") %}, "
            "line 70 {% end %}, line 80 {{ gallery(alt=\"صورة تجريبية لمعرض الصور\") }}))") \
        in result.report


def test_a_post_without_a_category_fails_with_the_reason(content):
    result = run(content, [REAL / "zola/content"])
    assert result.code == 1
    assert ("  failed     real/zola/content/shortcodes/index.ar.md: no category found: "
            "add --default-section SECTION") in result.lines
    # ... and the way forward works for migrated posts too.
    again = run(content, [REAL / "zola/content"], default_section="تكنولوجيا وعلوم")
    assert again.code == 0, again.report
    assert again.status_of("index.ar.md") == "imported"


def test_migrated_posts_build(content, sites, tmp_path):
    run(content, [sites / "jekyll/_posts", sites / "hugo/content", sites / "zola/content"])
    output = tmp_path / "output"
    result = build_site(content, output)
    assert result.ok, [str(p) for p in result.problems] + result.pelican_errors
    assert [str(p) for p in result.problems] == []
    for page in ("2016/05/welcome-to-jekyll.html", "2026/09/digital-rain.html",
                 "2022/10/shortcodes.html"):
        html = (output / page).read_text(encoding="utf-8")
        assert "{%" not in html.replace("{% mermaid() %}", "").replace("{% end %}", "") \
            .replace('{% admonition(type="tip", title="نصيحة") %}', ""), page
        assert "{{ gallery(alt" not in html


def test_second_run_changes_nothing(content, sites):
    paths = [sites / "jekyll/_posts", sites / "hugo/content", sites / "zola/content"]
    first = run(content, paths)
    second = run(content, paths)
    assert first.lines[-1] == "Done: 3 imported, 0 updated, 0 unchanged, 0 skipped, 0 failed."
    assert second.lines[-1] == "Done: 0 imported, 0 updated, 3 unchanged, 0 skipped, 0 failed."
    state = (content / ".import-state.json").read_text(encoding="utf-8")
    assert '"file:_posts/2016-05-27-welcome-to-jekyll.markdown"' in state
    # Edited by hand since: left alone, as for page imports.
    article = content / JEKYLL
    article.write_text(article.read_text(encoding="utf-8") + "\nتعديل.\n", encoding="utf-8")
    third = run(content, paths)
    assert third.status_of("welcome-to-jekyll") == "skipped"
    assert "edited by hand since the last import (use --force)" in third.report


def test_section_pages_are_not_articles(content, tmp_path):
    write(tmp_path / "content/posts/_index.md", '+++\ntitle = "المقالات"\n+++\n')
    write(tmp_path / "content/posts/_index.ar.md", "---\ntitle: المقالات\n---\n")
    result = run(content, [tmp_path / "content"])
    assert result.code == 0
    skipped = [line for line in result.lines if "a section page (_index), not an article" in line]
    assert len(skipped) == 2, result.report


DRAFTS = {
    "draft-true.md": "+++\ntitle = \"مسودة\"\ndate = 2020-01-02\ndraft = true\n"
                     "categories = [\"دليل\"]\n+++\nنص.\n",
    "published-false.md": "---\ntitle: غير منشور\ndate: 2020-01-02 10:00\npublished: false\n"
                          "categories: [دليل]\n---\nنص.\n",
}


@pytest.mark.parametrize("name", sorted(DRAFTS))
def test_unpublished_posts_are_drafts(content, tmp_path, name):
    write(tmp_path / "posts" / name, DRAFTS[name])
    run(content, [tmp_path / "posts"])
    fields, _body = read_article(content / f"articles/2020/01/{name[:-3]}.md")
    assert fields["status"] == "draft"


def test_jekyll_drafts_folder(content, tmp_path):
    write(tmp_path / "site/_drafts/idea.md", "---\ntitle: فكرة\ndate: 2020-01-02\n"
                                             "categories: دليل\n---\nنص.\n")
    result = run(content, [tmp_path / "site"])
    fields, _body = read_article(content / "articles/2020/01/idea.md")
    assert fields["status"] == "draft"
    assert "kept as a draft: in _drafts/ on the old site" in result.report


def test_date_from_a_jekyll_file_name(content, tmp_path):
    write(tmp_path / "_posts/2016-05-27-title.markdown",
          "---\ntitle: عنوان\ncategories: [دليل]\ntags: وسم1 وسم2\n---\nنص.\n")
    run(content, [tmp_path / "_posts"])
    fields, _body = read_article(content / "articles/2016/05/title.md")
    assert fields["date"] == "2016-05-27"
    assert fields["tags"] == ["وسم1", "وسم2"]  # Jekyll separates tags by spaces


def test_hugo_publish_and_expiry_dates_are_kept(content, tmp_path):
    write(tmp_path / "content/posts/embargo.md", "---\ntitle: حظر\ndate: 2020-01-02T10:00:00+03:00\n"
          "publishDate: 2099-01-01\nexpiryDate: 2100-01-01\ndescription: وصف.\n"
          "categories: [دليل]\n---\nنص.\n")
    run(content, [tmp_path / "content"])
    fields, _body = read_article(content / "articles/2020/01/embargo.md")
    assert fields["date"] == "2020-01-02T10:00:00+03:00"
    assert (fields["publishDate"], fields["expiryDate"]) == ("2099-01-01", "2100-01-01")
    assert fields["summary"] == "وصف."


def test_hugo_shortcodes_and_liquid_are_reported_by_line(content, tmp_path):
    write(tmp_path / "content/posts/video.md", """
        ---
        title: فيديو
        date: 2021-03-04
        categories: [دليل]
        ---
        قبل.

        {{< youtube SQEQr7c0-dw >}}

        {{% notice %}}تنبيه.{{% /notice %}} {{ site.title }} {% include ad.html %}

        {% raw %}{{ page.title }}{% endraw %}
        """)
    result = run(content, [tmp_path / "content"])
    _fields, body = read_article(content / "articles/2021/03/video.md")
    assert body == "\nقبل.\n\nتنبيه.\n\n{{ page.title }}\n"  # {% raw %} shows its text
    assert ("left out of the body: 5 pieces of template code (line 8 {{< youtube SQEQr7c0-dw >}}, "
            "line 10 {{% notice %}}, line 10 {{% /notice %}}, line 10 {{ site.title }}, "
            "line 10 {% include ad.html %})") in result.report


def test_pictures_are_copied_or_their_addresses_kept(content, tmp_path):
    (tmp_path / "site/assets").mkdir(parents=True)
    (tmp_path / "site/assets/map.png").write_bytes(tiny_png(8, 6, 4))
    write(tmp_path / "site/_posts/2021-03-04-map.md", """
        ---
        title: خريطة
        categories: [دليل]
        ---
        ![خريطة](/assets/map.png)

        <img src="https://cdn.example/photo.jpg" alt="صورة">

        ![](../nowhere.png)
        """)
    result = run(content, [tmp_path / "site"])
    fields, body = read_article(content / "articles/2021/03/map.md")
    assert body == "\n![خريطة](/images/2021/map.png)\n"
    assert fields["original_images"] == ["https://cdn.example/photo.jpg"]
    assert (content / "images/2021/map.png").read_bytes() == tiny_png(8, 6, 4)
    assert "pictures not found in the imported folder: ../nowhere.png" in result.report
    assert "Images: 2 not copied, in 1 file" in result.report


def test_unmapped_category_and_missing_date_fail_with_reasons(content, tmp_path):
    write(tmp_path / "posts/a.md", "---\ntitle: أ\ndate: 2021-03-04\ncategories: [منوعات]\n---\nنص.\n")
    write(tmp_path / "posts/b.md", "---\ntitle: ب\ncategories: [دليل]\n---\nنص.\n")
    write(tmp_path / "posts/c.md", "نص بلا رأس.\n")
    result = run(content, [tmp_path / "posts"])
    assert result.code == 1
    report = result.report
    assert ("a.md: unmapped category «منوعات» (add it to import_sections.yaml, or use "
            "--default-section SECTION)") in report
    assert "b.md: no date: no 'date' in the front matter and none in the file name" in report
    assert "c.md: not a post: line 1: front matter: missing" in report
