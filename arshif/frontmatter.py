"""Split a source file into YAML front matter and Markdown body.

YAML is *composed*, never constructed: every scalar stays the exact text the
editor wrote (``title: 2024`` stays ``"2024"``, ``tags: [no, on]`` stays two
words, dates stay text until validation) and every key keeps its line number,
so errors can say ``path:line: field: problem``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from arshif.problems import Problem

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
    except yaml.YAMLError as exc:  # errors without a position
        raise FrontMatterError([Problem(path, 2, "front matter", f"invalid YAML: {exc}")]) from None
    if not isinstance(root, yaml.MappingNode):
        raise FrontMatterError(
            [Problem(path, 2, "front matter", "must be 'field: value' lines, not a single value or a list")]
        )
    problems = []
    budget = [MAX_NODES]
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
        try:
            matter.fields[key] = _plain(value_node, budget)
        except RecursionError:
            budget[0] = -1
        if budget[0] < 0:
            problems.append(Problem(path, line, key, "value is too large or nested too deeply"))
            matter.fields.pop(key, None)
            continue
        matter.lines[key] = line
    if problems:
        raise FrontMatterError(problems)
    return matter


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


def _syntax_problem(exc: yaml.MarkedYAMLError, path: str, yaml_text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 2 if mark else 2
    yaml_lines = yaml_text.splitlines()
    source_line = yaml_lines[mark.line] if mark and mark.line < len(yaml_lines) else ""
    field_name = source_line.split(":", 1)[0].strip() if ":" in source_line else "front matter"
    problem = exc.problem or "invalid YAML"
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
