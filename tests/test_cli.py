"""The commands editors run, as they run them: messages, exit codes, files."""

import subprocess
from pathlib import Path

from conftest import copy_project


def invoke(*args, cwd):
    return subprocess.run(["invoke", *args], cwd=cwd, capture_output=True, text=True)


def test_check_and_build_report_every_problem_as_path_line_field(tmp_path):
    project = copy_project(tmp_path / "project")
    articles = project / "content" / "articles" / "2023" / "11"
    (articles / "bad-date.md").write_text(
        "---\ntitle: خبر\ndate: 2023-11\nsection: سياسة\n---\nنص\n", encoding="utf-8")
    (articles / "colon.md").write_text(
        "---\ntitle: الوزير: نعم\ndate: 2023-11-02 10:00\nsection: سياسة\n---\nنص\n",
        encoding="utf-8")
    (articles / "typo.md").write_text(
        "---\ntitle: خبر\ndate: 2023-11-02 10:00\nsection: سياسة\ntgas: [x]\n---\nنص\n",
        encoding="utf-8")

    check = invoke("check", cwd=project)
    assert check.returncode == 1
    lines = check.stderr.splitlines()
    assert "content/articles/2023/11/bad-date.md:3: date: '2023-11' is incomplete; write the " \
        "whole day, e.g. 2023-11-29, and the time if it is known: 2023-11-29 20:54" in lines
    assert any(line.startswith("content/articles/2023/11/colon.md:2: title: YAML syntax error")
               for line in lines)
    assert "content/articles/2023/11/typo.md:5: warning: tgas: unknown field, ignored " \
        "(did you mean 'tags'?)" in lines
    assert not (project / "output").exists()

    build = invoke("build", "--no-search", cwd=project)
    assert build.returncode == 1
    assert "build failed: 2 error(s); nothing was published" in build.stderr
    assert not (project / "output").exists()

    (articles / "bad-date.md").unlink()
    (articles / "colon.md").unlink()
    build = invoke("build", "--no-search", cwd=project)
    assert build.returncode == 0, build.stderr
    assert "sources: " in build.stdout and "0 error" in build.stdout
    assert "Open output/index.html in a browser" in build.stdout
    assert (project / "output" / "2023" / "11" / "typo.html").is_file()


def test_new_creates_an_article_that_builds(tmp_path):
    project = copy_project(tmp_path / "project")
    made = invoke("new", "--title", "افتتاح مكتبة", "--section", "ثقافة وفن", "--tags", "الكتاب،الرباط",
                  "--slug", "library", "--date", "2024-05-01 09:00", cwd=project)
    assert made.returncode == 0, made.stderr
    assert "content/articles/2024/05/library.md" in made.stdout
    assert invoke("check", cwd=project).returncode == 0
    refused = invoke("new", "--title", "x", "--section", "nowhere", cwd=project)
    assert refused.returncode == 1 and "section: unknown section" in refused.stderr


def test_import_takes_its_path_as_the_readme_shows(tmp_path):
    """``invoke import PATH`` (positional) and ``invoke import a/ --paths b.xml
    --keep-going``: a positional argument with a default of "" made invoke refuse
    the path ("No idea what 'path/' is!")."""
    import shutil

    fixtures = Path(__file__).parent / "importer" / "fixtures"
    project = copy_project(tmp_path / "project")
    shutil.copytree(fixtures / "mirror", project / "mirror")
    shutil.copytree(fixtures / "problems", project / "problems")
    shutil.copy(fixtures / "wxr" / "akhbar.WordPress.2024-01-15.xml", project / "export.xml")

    mirror = invoke("import", "mirror/", cwd=project)
    assert mirror.returncode == 0, mirror.stderr
    assert "Done: 5 imported" in mirror.stdout
    export = invoke("import", "export.xml", cwd=project)
    assert export.returncode == 0, export.stderr
    assert "Done: 2 imported" in export.stdout

    failing = invoke("import", "problems/", "--paths", "export.xml", cwd=project)
    assert failing.returncode == 1 and "3 failed" in failing.stdout, failing.stderr
    kept = invoke("import", "problems/", "--paths", "export.xml", "--keep-going", cwd=project)
    assert kept.returncode == 0, kept.stderr
    assert "3 failed" in kept.stdout and "2 unchanged" in kept.stdout
    assert invoke("check", cwd=project).returncode == 0

    missing = invoke("import", cwd=project)
    assert missing.returncode != 0 and "path" in missing.stderr
