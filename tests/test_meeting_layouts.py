from __future__ import annotations

from pathlib import Path

import pytest

from pmtui.document.model import Severity
from pmtui.meeting.layouts import PANELS, LayoutError, available_layouts, default_layout_name, load_layout


def test_bundled_layouts_load_and_use_known_panels() -> None:
    assert {"standard", "lightweight", "sev1-extended"} <= set(available_layouts())
    standard = load_layout("standard")
    assert standard.total_minutes == 40
    assert [(p.id, p.minutes, p.panel) for p in standard.phases] == [
        ("walkthrough", 5, "summary"), ("timeline", 5, "timeline"), ("root-cause", 10, "whys"),
        ("actions", 15, "actions"), ("qa", 5, "findings"),
    ]
    assert 12 <= load_layout("lightweight").total_minutes <= 18
    for name in available_layouts():
        layout = load_layout(name)
        assert all(phase.panel in PANELS and phase.prompts for phase in layout.phases)


def test_prompts_are_blameless() -> None:
    for name in available_layouts():
        for phase in load_layout(name).phases:
            for prompt in phase.prompts:
                lowered = prompt.lower()
                for blameful in ("why didn't you", "why did you", "who approved", "who broke", "your fault", "should have"):
                    assert blameful not in lowered, prompt


def test_default_follows_severity() -> None:
    assert default_layout_name(Severity.SEV1) == "sev1-extended"
    assert default_layout_name(None) == "standard"
    assert default_layout_name(Severity.SEV3) == "lightweight"
    assert default_layout_name(Severity.SEV4) == "lightweight"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('name = "x"\ntitle = "X"\n[[phases]]\nid = "a"\ntitle = "A"\nminutes = 5\npanel = "nope"\n', "phases[0].panel"),
        ('name = "x"\ntitle = "X"\n[[phases]]\nid = "a"\ntitle = "A"\nminutes = -1\npanel = "summary"\n', "phases[0].minutes"),
        ('name = "x"\ntitle = "X"\nphases = []\n', "phases"),
        ('name = "x"\ntitle = "X"\n[[phases]]\nid = "a"\ntitle = "A"\nminutes = 5\npanel = "summary"\n'
         '[[phases]]\nid = "a"\ntitle = "B"\nminutes = 5\npanel = "whys"\n', 'duplicate phase id "a"'),
        ('name = "x"\ntitle = \n', "TOML syntax error"),
        ('name = "x"\ntitle = "X"\ncolour = "red"\n[[phases]]\nid = "a"\ntitle = "A"\nminutes = 5\npanel = "summary"\n', "colour: unknown field"),
    ],
)
def test_malformed_layout_gets_one_line_error(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(LayoutError) as caught:
        load_layout(str(path))
    message = str(caught.value)
    assert fragment in message and str(path) in message and "\n" not in message


def test_unknown_name_lists_the_bundled_ones() -> None:
    with pytest.raises(LayoutError, match="bundled: learning-review, lightweight, sev1-extended, standard"):
        load_layout("no-such-layout")


def test_binary_layout(tmp_path: Path) -> None:
    path = tmp_path / "bin.toml"
    path.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(LayoutError, match="not UTF-8"):
        load_layout(str(path))


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (Path(__file__).parents[1] / "layouts" / "lightweight.toml").read_bytes())
    assert load_layout(str(path)).name == "lightweight"


def test_the_learning_review_layout_asks_how_and_what() -> None:
    layout = load_layout("learning-review")
    assert 55 <= layout.total_minutes <= 65
    assert [phase.id for phase in layout.phases] == ["story", "surprises", "themes", "went-well", "actions"]
    prompts = [prompt for phase in layout.phases for prompt in phase.prompts]
    assert not [prompt for prompt in prompts if prompt.lower().startswith("why did you")]
    assert all(prompt.split()[0] in ("What", "How") for prompt in prompts), prompts
    assert all(len(prompt) <= 70 for prompt in prompts)


def test_no_bundled_prompt_starts_with_why_did_you() -> None:
    prompts = [prompt for name in available_layouts() for phase in load_layout(name).phases for prompt in phase.prompts]
    assert not [prompt for prompt in prompts if prompt.strip().lower().startswith("why did you")]


@pytest.mark.parametrize("severity", [*Severity, None])
def test_the_built_in_layouts_are_the_built_in_policys(severity: Severity | None) -> None:
    from pmtui.policy import DEFAULT_POLICY

    assert default_layout_name(severity) == DEFAULT_POLICY.layout_for(severity)
