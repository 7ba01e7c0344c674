"""Split a source file into YAML front matter and Markdown body.

YAML is *composed*, never constructed: every scalar stays the exact text the
editor wrote (``title: 2024`` stays ``"2024"``, ``tags: [no, on]`` stays two
words, dates stay text until validation) and every key keeps its line number,
so errors can say ``path:line: field: problem``.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass, field

import yaml

from arshif.content.problems import Problem

FENCE = "---"
CLOSING_FENCES = ("---", "...")
# LibYAML's composer is about ten times faster than the pure-Python one;
# both only compose, so the values stay untyped text either way.
COMPOSE_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
# Aliases can make a small document expand exponentially; no real front
# matter comes near this many nodes.
MAX_NODES = 5000


@dataclass
class FrontMatter:
    fields: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    first_line: int = 2  # line of the first YAML line, for field-less errors

    def line(self, key: str) -> int:
        return self.lines.get(key, self.first_line - 1)


class FrontMatterError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def decode(data: bytes, path: str) -> str:
    """UTF-8 (with or without BOM) or a problem naming the line of the bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start : exc.start + 1].hex()
        raise FrontMatterError(
            [Problem(path, line, "file", f"not valid UTF-8 (byte 0x{byte}); save the file as UTF-8")]
        ) from None
    return text.removeprefix("\ufeff")


def parse(source: str, path: str) -> FrontMatter:
    """Parse ``source`` (already decoded).  Raises FrontMatterError."""
    if not source.strip():
        raise FrontMatterError([Problem(path, 1, "file", "file is empty")])
    lines = source.splitlines(keepends=True)
    if lines[0].rstrip() == TOML_FENCE:
        return _parse_toml(lines, path)
    if lines[0].rstrip() != FENCE:
        raise FrontMatterError(
            [Problem(path, 1, "front matter", "missing: the file must start with a line '---', "
                     "then title, date, section…, then a closing '---'")]
        )
    closing = next(
        (i for i in range(1, len(lines)) if lines[i].rstrip() in CLOSING_FENCES), None
    )
    if closing is None:
        raise FrontMatterError(
            [Problem(path, 1, "front matter", "no closing '---' line after the opening one")]
        )
    yaml_text = "".join(lines[1:closing])
    matter = FrontMatter(body="".join(lines[closing + 1 :]), body_line=closing + 2)
    if not yaml_text.strip():
        raise FrontMatterError([Problem(path, 1, "front matter", "is empty")])
    try:
        root = yaml.compose(yaml_text, Loader=COMPOSE_LOADER)
    except yaml.MarkedYAMLError as exc:
        raise FrontMatterError([_syntax_problem(exc, path, yaml_text)]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses
        raise FrontMatterError([_reader_problem(exc, path, yaml_text)]) from None
    except yaml.YAMLError as exc:  # errors without a position
        message = " ".join(str(exc).split())
        raise FrontMatterError([Problem(path, 2, "front matter", f"invalid YAML: {message}")]) from None
    if not isinstance(root, yaml.MappingNode):
        raise FrontMatterError(
            [Problem(path, 2, "front matter", "must be 'field: value' lines, not a single value or a list")]
        )
    problems = []
    total = [MAX_NODES * 10]
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 2
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(path, line, "front matter", "a field name must be plain text"))
            continue
        key = key_node.value.strip()
        if key in matter.fields:
            problems.append(
                Problem(path, line, key, f"appears twice (first on line {matter.lines[key]})")
            )
            continue
        # Each field has its own budget (an alias bomb in one field does not
        # make the next plain title "too large"), within a total for the file.
        budget = [min(MAX_NODES, total[0])]
        try:
            matter.fields[key] = _plain(value_node, budget)
        except RecursionError:
            budget[0] = -1
        if budget[0] < 0:
            problems.append(Problem(path, line, key, "value is too large or nested too deeply"))
            matter.fields.pop(key, None)
            continue
        total[0] -= min(MAX_NODES, total[0]) - budget[0]
        matter.lines[key] = line
    if problems:
        raise FrontMatterError(problems)
    return matter


TOML_FENCE = "+++"
TOML_ERROR_LINE = re.compile(r"\(at line (\d+), column \d+\)")
TOML_KEY = re.compile(r"""^\s*["']?([^"'=\s]+)["']?\s*=""")
TOML_TABLE = re.compile(r"^\[\s*([^\]\s]+)\s*\]")


def _parse_toml(lines: list[str], path: str) -> FrontMatter:
    """Hugo and Zola front matter between ``+++`` lines (Python's tomllib).
    Values become text as YAML's are (``true``, ``2016-05-27 20:10:00``);
    Zola's ``[taxonomies] tags`` is read as ``tags``."""
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() == TOML_FENCE), None)
    if closing is None:
        raise FrontMatterError(
            [Problem(path, 1, "front matter", "no closing '+++' line after the opening one")])
    toml_text = "".join(lines[1:closing])
    try:
        data = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as exc:
        found = TOML_ERROR_LINE.search(str(exc))
        index = int(found.group(1)) - 1 if found else 0
        toml_lines = toml_text.splitlines()
        key = TOML_KEY.match(toml_lines[index]) if index < len(toml_lines) else None
        message = TOML_ERROR_LINE.sub("", str(exc)).strip()
        raise FrontMatterError([Problem(path, index + 2, key.group(1) if key else "front matter",
                                        f"TOML syntax error: {message}")]) from None
    matter = FrontMatter(body="".join(lines[closing + 1 :]), body_line=closing + 2)
    key_lines = {}
    for number, line in enumerate(lines[1:closing], 2):
        found = TOML_KEY.match(line) or TOML_TABLE.match(line)
        if found and not line[0].isspace():
            key_lines.setdefault(found.group(1), number)
    taxonomies = data.pop("taxonomies", None)
    if isinstance(taxonomies, dict):
        for name in ("tags", "categories"):
            if name in taxonomies and name not in data:
                data[name] = taxonomies[name]
                key_lines.setdefault(name, key_lines.get(name, 1))
    for key, value in data.items():
        matter.fields[key] = _toml_text(value)
        matter.lines[key] = key_lines.get(key, 1)
    if not matter.fields:
        raise FrontMatterError([Problem(path, 1, "front matter", "is empty")])
    return matter


def _toml_text(value):
    """TOML's typed values back to the text an editor would have written."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return value.strftime("%Y-%m-%d %H:%M:%S")
        return value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, list):
        return [_toml_text(item) for item in value]
    if isinstance(value, dict):
        return {key: _toml_text(item) for key, item in value.items()}
    return str(value)


def _plain(node, budget):
    """Node tree -> str / list / dict of str, with no YAML typing at all."""
    budget[0] -= 1
    if budget[0] < 0:
        return None
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, budget) for item in node.value]
    return {_plain(k, budget) if isinstance(k, yaml.ScalarNode) else repr(k): _plain(v, budget)
            for k, v in node.value}


# Errors YAML finds after the place the editor has to fix: the quote or
# bracket opened on the line of ``context_mark`` is never closed.
OPENED_BEFORE = {
    "while scanning a quoted scalar": "the quote that opens this value is never closed; end it "
                                      "with the same quote",
    "while parsing a flow sequence": "the '[' opened here is never closed with ']'",
    "while parsing a flow mapping": "the '{' opened here is never closed with '}'",
}


def _field_of(yaml_lines: list[str], index: int) -> str:
    """The field a YAML line belongs to: its own key, or the key above it
    for a continuation line."""
    for number in range(min(index, len(yaml_lines) - 1), -1, -1):
        line = yaml_lines[number]
        if line and not line[0].isspace() and ":" in line and not line.startswith("#"):
            return line.split(":", 1)[0].strip() or "front matter"
    return "front matter"


def _reader_problem(exc, path: str, yaml_text: str) -> Problem:
    character = exc.character if isinstance(exc.character, str) else chr(exc.character)
    # LibYAML's position is not always the character's index: find the character.
    found = yaml_text.find(character)
    index = yaml_text.count("\n", 0, found if found >= 0 else exc.position)
    return Problem(path, index + 2, _field_of(yaml_text.splitlines(), index),
                   f"contains the invisible control character U+{ord(character):04X}, "
                   "which is not allowed; delete it")


def _syntax_problem(exc: yaml.MarkedYAMLError, path: str, yaml_text: str) -> Problem:
    yaml_lines = yaml_text.splitlines()
    opened = OPENED_BEFORE.get(exc.context or "")
    if opened and exc.context_mark is not None:
        index = exc.context_mark.line
        return Problem(path, index + 2, _field_of(yaml_lines, index),
                       f"YAML syntax error: {opened}")
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 2 if mark else 2
    source_line = yaml_lines[mark.line] if mark and mark.line < len(yaml_lines) else ""
    field_name = source_line.split(":", 1)[0].strip() if ":" in source_line else "front matter"
    problem = " ".join((exc.problem or "invalid YAML").split())
    message = f"YAML syntax error: {problem}"
    if "mapping values are not allowed" in problem or (
        "could not find expected ':'" in problem
    ):
        key, _, value = source_line.partition(":")
        message += (
            f"; if the value contains ':' put it in quotes: "
            f"{key.strip()}: \"{value.strip()}\""
        )
    elif "found character '\\t'" in problem:
        message += "; use spaces, not tabs"
    return Problem(path, line, field_name or "front matter", message)
