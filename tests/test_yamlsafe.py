"""The strict YAML reader: YAML 1.1 surprises stay text, unsafe constructs are refused."""

from __future__ import annotations

import time

import pytest

from generator.yamlsafe import YamlRejected, parse


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("v: NO", "NO"),
        ("v: yes", "yes"),
        ("v: on", "on"),
        ("v: 010", "010"),
        ("v: 1:30", "1:30"),
        ("v: 2026-11-23", "2026-11-23"),
        ("v: 0x1F", "0x1F"),
        ("v: .inf", ".inf"),
    ],
)
def test_yaml_1_1_forms_stay_the_text_the_partner_typed(text: str, expected: str) -> None:
    assert parse(text).value == {"v": expected}


def test_core_schema_values_are_typed() -> None:
    assert parse("a: true\nb: false\nc: 12\nd: ~\ne: 1.5\n").value == {"a": True, "b": False, "c": 12, "d": None, "e": 1.5}


def test_every_value_and_key_keeps_its_position() -> None:
    parsed = parse("title: x\nsources:\n  - document: pact\n    section: '1'\n")
    assert parsed.positions[("sources", 0, "document")] == (3, 15)
    assert parsed.key_positions[("sources", 0, "section")] == (4, 5)


def test_duplicate_key_is_refused_with_both_lines() -> None:
    with pytest.raises(YamlRejected) as caught:
        parse("title: a\nsummary: b\ntitle: c\n")
    (issue,) = caught.value.issues
    assert (issue.line, issue.code) == (3, "yaml-duplicate-key")
    assert "eerst op regel 1" in issue.message


def test_aliases_are_refused() -> None:
    with pytest.raises(YamlRejected) as caught:
        parse("a: &x [1, 2]\nb: *x\n")
    assert caught.value.issues[0].code == "yaml-alias"


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    start = time.perf_counter()
    with pytest.raises(YamlRejected):
        parse("\n".join(lines))
    assert time.perf_counter() - start < 1.0


def test_python_tags_are_refused() -> None:
    with pytest.raises(YamlRejected) as caught:
        parse("a: !!python/object/apply:os.system ['echo hi']\n")
    assert caught.value.issues[0].code == "yaml-tag"


def test_syntax_error_reports_line_and_dutch_hint() -> None:
    with pytest.raises(YamlRejected) as caught:
        parse("title: a\nsummary: b: c\n")
    issue = caught.value.issues[0]
    assert (issue.line, issue.code) == (2, "yaml-syntax")
    assert issue.message.startswith("YAML-syntaxfout")
    assert "dubbele punt" in issue.message


def test_deep_nesting_is_refused_not_crashing() -> None:
    with pytest.raises(YamlRejected) as caught:
        parse("a: " + "[" * 5000 + "]" * 5000)
    assert caught.value.issues[0].code in {"yaml-depth", "yaml-syntax"}
