"""The 5-whys tree over dotted ids: reading it, adding to it, removing from it."""

from __future__ import annotations

import pytest

from document_factory import make_document, whys
from pmtui.document import whys as tree
from pmtui.document.model import Document, Why

BRANCHING = ("1", "1.1", "1.1.1", "1.2", "1.2.1", "1.2.1.1", "1.3", "2")


def ids(items: list[Why]) -> list[str]:
    return [why.id for why in items]


def revalidated(document: Document) -> Document:
    """The document as a file would load it: every reference rule checked again."""
    return Document.model_validate(document.model_dump())


def test_children_are_ordered_by_number_not_text() -> None:
    items = [Why(id=why_id, answer="x") for why_id in ("1", "1.10", "1.2", "1.9")]
    assert ids(tree.children(items, "1")) == ["1.2", "1.9", "1.10"]
    assert ids(tree.children(items, None)) == ["1"]


def test_tree_order_puts_siblings_by_number_and_skips_orphans() -> None:
    items = [Why(id=why_id, answer="x") for why_id in ("1.10", "2", "1", "1.2", "1.10.1", "3.1")]
    assert ids(tree.in_tree_order(items)) == ["1", "1.2", "1.10", "1.10.1", "2"]


def test_tree_order_leaves_depth_and_chain() -> None:
    document = make_document(whys=whys(*reversed(BRANCHING)))
    assert ids(tree.in_tree_order(document.whys)) == list(BRANCHING)
    assert ids(tree.leaves(document.whys)) == ["2", "1.3", "1.2.1.1", "1.1.1"]
    assert tree.max_depth(document.whys) == 4
    assert tree.max_depth([]) == 0


def test_chain_runs_from_the_top_answer_down_to_the_why() -> None:
    document = make_document(whys=whys(*reversed(BRANCHING)))
    assert ids(tree.chain(document.whys, "1.2.1.1")) == ["1", "1.2", "1.2.1", "1.2.1.1"]
    assert ids(tree.chain(document.whys, "2")) == ["2"]


def test_add_child_numbers_after_the_highest_sibling() -> None:
    document = make_document(whys=whys("1", "1.1", "1.3"))
    added = tree.add_child(document, "1", "a third answer")
    assert added.id == "1.4"
    assert tree.add_child(document, "1.4", "deeper").id == "1.4.1"
    assert tree.add_child(document, None, "another top answer").id == "2"
    assert ids(document.whys) == ["1", "1.1", "1.3", "1.4", "1.4.1", "2"]


def test_add_to_an_empty_tree_starts_at_one() -> None:
    document = make_document()
    assert tree.add_child(document, None, "users saw errors").id == "1"


def test_add_sibling_is_a_second_answer_to_the_same_why() -> None:
    document = make_document(whys=whys("1", "1.1", "1.1.1"))
    assert tree.add_sibling(document, "1.1", "another cause").id == "1.2"
    assert tree.add_sibling(document, "1", "another top answer").id == "2"


def test_add_child_under_a_missing_parent_is_refused() -> None:
    document = make_document(whys=whys("1"))
    with pytest.raises(KeyError):
        tree.add_child(document, "1.5", "orphan")
    assert ids(document.whys) == ["1"]


def test_remove_subtree_renumbers_later_siblings_and_their_subtrees() -> None:
    document = make_document(
        whys=whys(*BRANCHING),
        action_items=[
            {"action": "fix 1.1.1", "addresses": "1.1.1"},
            {"action": "fix 1.2.1.1", "addresses": "1.2.1.1"},
            {"action": "fix 1.3", "addresses": "1.3"},
            {"action": "fix 2", "addresses": "2"},
            {"action": "general"},
        ],
    )
    answer_of = {why.id: why.answer for why in document.whys}

    removed = tree.remove_subtree(document, "1.1")

    assert removed == ["1.1", "1.1.1"]
    assert ids(document.whys) == ["1", "1.1", "1.1.1", "1.1.1.1", "1.2", "2"]
    # The nodes moved with their answers: the old 1.2 subtree is now 1.1.
    assert [why.answer for why in document.whys] == [
        answer_of[old] for old in ("1", "1.2", "1.2.1", "1.2.1.1", "1.3", "2")
    ]
    assert [item.addresses for item in document.action_items] == [None, "1.1.1.1", "1.2", "2", None]
    revalidated(document)


def test_remove_a_top_level_answer_moves_the_next_one_up() -> None:
    document = make_document(whys=whys("1", "1.1", "2", "2.1", "3"), action_items=[{"action": "a", "addresses": "2.1"}])
    assert tree.remove_subtree(document, "1") == ["1", "1.1"]
    assert ids(document.whys) == ["1", "1.1", "2"]
    assert document.action_items[0].addresses == "1.1"
    revalidated(document)


def test_remove_the_last_sibling_renames_nothing() -> None:
    document = make_document(whys=whys("1", "1.1", "1.2"), action_items=[{"action": "a", "addresses": "1.1"}])
    tree.remove_subtree(document, "1.2")
    assert ids(document.whys) == ["1", "1.1"]
    assert document.action_items[0].addresses == "1.1"


def test_remove_keeps_flags_and_evidence() -> None:
    document = make_document(
        timeline=[{"time": "10:00", "event": "deploy", "id": "T1"}],
        whys=[{"id": "1", "answer": "a"}, {"id": "1.1", "answer": "b"},
              {"id": "1.2", "answer": "c", "root": True, "evidence": ["T1"]}],
    )
    tree.remove_subtree(document, "1.1")
    moved = document.whys[1]
    assert (moved.id, moved.root, moved.evidence) == ("1.1", True, ["T1"])


def test_remove_an_unknown_id_is_refused() -> None:
    document = make_document(whys=whys("1"))
    with pytest.raises(KeyError):
        tree.remove_subtree(document, "1.1")


def test_sort_whys_is_the_stored_order() -> None:
    items = [Why(id=why_id, answer="x") for why_id in ("2", "1.10", "1.2", "1", "1.2.1")]
    assert ids(tree.sort_whys(items)) == ["1", "1.2", "1.2.1", "1.10", "2"]
