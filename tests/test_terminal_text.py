"""Untrusted text never reaches a terminal raw."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pmtui.terminal_text import _UNSAFE_RE, for_terminal, is_terminal_safe


def test_escape_sequences_become_visible() -> None:
    hostile = "ok\x1b]52;c;ZXZpbA==\x07 \x1b[?1049l title\x9b2J"
    shown = for_terminal(hostile)
    assert shown == "ok\\x1b]52;c;ZXZpbA==\\x07 \\x1b[?1049l title\\x9b2J"


def test_a_newline_cannot_forge_a_second_line_unless_kept() -> None:
    name = "pm.toml\nok other.toml"
    assert for_terminal(name) == "pm.toml\\x0aok other.toml"
    assert for_terminal("line one\nline two", newlines=True) == "line one\nline two"
    assert for_terminal("a\r\nb", newlines=True) == "a\\x0d\nb"


def test_bidi_overrides_and_separators_are_shown() -> None:
    assert for_terminal("abc\u202edcba\u2066x\u2028") == "abc\\u202edcba\\u2066x\\u2028"


def test_tabs_expand_when_asked() -> None:
    assert for_terminal("a\tb") == "a\\x09b"
    assert for_terminal("a\tb", tab_width=4) == "a   b"


def test_ordinary_text_is_unchanged() -> None:
    text = "Orders API — 47 min, naïve café 東京 ✓ [bold]x[/]"
    assert for_terminal(text) == text
    assert is_terminal_safe(text)
    assert not is_terminal_safe("a\x1bb")


@given(st.text())
def test_no_control_character_survives(text: str) -> None:
    shown = for_terminal(text)
    assert is_terminal_safe(shown)
    assert all(ord(ch) >= 0x20 and not 0x7F <= ord(ch) <= 0x9F for ch in shown)
    kept = for_terminal(text, newlines=True)
    assert all(ch == "\n" or (ord(ch) >= 0x20 and not 0x7F <= ord(ch) <= 0x9F) for ch in kept)


def test_every_character_shown_as_an_escape_is_unprintable() -> None:
    """`for_terminal` returns printable text untouched without searching it: that is only safe
    while every character it escapes is one Python calls unprintable."""
    every_character = "".join(map(chr, range(0x110000)))
    escaped = {match.group() for match in _UNSAFE_RE.finditer(every_character)}
    assert len(escaped) > 2000  # C0, C1, bidi controls, separators and the surrogates
    assert not any(character.isprintable() for character in escaped)
    assert {"\x1b", "\x9b", "\u202e", "\u2028", "\ud800"} <= escaped
