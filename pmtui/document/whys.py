"""The 5-whys tree, stored as a flat list of dotted ids ("1", "1.1", "1.2", "1.1.1").

"1.2" is a second answer to the why asked under "1". Ids are paths, so inserting or removing a
node renumbers its later siblings and their subtrees; these helpers keep that in one place.
"""

from __future__ import annotations

from pmtui.document.model import Document, Why


def parent_of(why_id: str) -> str | None:
    return why_id.rpartition(".")[0] or None


def _number(why: Why) -> int:
    """A why's place among its siblings: the last part of its dotted id."""
    return int(why.id.rpartition(".")[2])


def children(whys: list[Why], parent_id: str | None) -> list[Why]:
    """Direct children of `parent_id` (None: the top-level answers), ordered by their number."""
    found = [why for why in whys if parent_of(why.id) == parent_id]
    return sorted(found, key=_number)



def chain(whys: list[Why], why_id: str) -> list[Why]:
    """The whys from the top-level answer down to `why_id`, as the room reads them from the problem."""
    by_id = {why.id: why for why in whys}
    ids: list[str] = []
    current: str | None = why_id
    while current is not None:
        ids.append(current)
        current = parent_of(current)
    return [by_id[step] for step in reversed(ids) if step in by_id]


def leaves(whys: list[Why]) -> list[Why]:
    parents = {parent_of(why.id) for why in whys}  # one pass: a 500-why tree stays linear
    return [why for why in whys if why.id not in parents]


def max_depth(whys: list[Why]) -> int:
    return max((why.depth for why in whys), default=0)


def in_tree_order(whys: list[Why]) -> list[Why]:
    """Depth-first, parents before children, siblings by number: how the tree reads."""
    by_parent: dict[str | None, list[Why]] = {}  # one pass, not `children` per node: 500 whys stay fast
    for why in whys:
        by_parent.setdefault(parent_of(why.id), []).append(why)
    ordered: list[Why] = []

    def visit(parent_id: str | None) -> None:
        for child in sorted(by_parent.get(parent_id, ()), key=_number):
            ordered.append(child)
            visit(child.id)

    visit(None)
    return ordered


def _path_key(why_id: str) -> tuple[int, ...]:
    return tuple(int(part) for part in why_id.split("."))


def next_child_id(whys: list[Why], parent_id: str | None) -> str:
    numbers = [int(why.id.rpartition(".")[2]) for why in children(whys, parent_id)]
    number = max(numbers, default=0) + 1
    return f"{parent_id}.{number}" if parent_id else str(number)


def add_child(document: Document, parent_id: str | None, answer: str) -> Why:
    """A new why under `parent_id` (a sibling of its other answers), last among them."""
    if parent_id is not None and not any(why.id == parent_id for why in document.whys):
        raise KeyError(parent_id)
    why = Why(id=next_child_id(document.whys, parent_id), answer=answer)
    document.whys = sort_whys([*document.whys, why])
    return why


def add_sibling(document: Document, why_id: str, answer: str) -> Why:
    return add_child(document, parent_of(why_id), answer)


def subtree_ids(whys: list[Why], why_id: str) -> set[str]:
    return {why.id for why in whys if why.id == why_id or why.id.startswith(why_id + ".")}


def _renumber(why_id: str, old_prefix: str, new_prefix: str) -> str:
    if why_id == old_prefix:
        return new_prefix
    if why_id.startswith(old_prefix + "."):
        return new_prefix + why_id[len(old_prefix):]
    return why_id


def remove_subtree(document: Document, why_id: str) -> list[str]:
    """Delete a why and everything under it; later siblings move up one number.

    Action items that addressed a removed node lose the link; links to renumbered nodes follow
    them. Returns the removed ids.
    """
    removed = subtree_ids(document.whys, why_id)
    if not removed:
        raise KeyError(why_id)
    parent = parent_of(why_id)
    position = int(why_id.rpartition(".")[2])
    renames: dict[str, str] = {}
    for sibling in children(document.whys, parent):
        number = int(sibling.id.rpartition(".")[2])
        if number > position:
            new_sibling = f"{parent}.{number - 1}" if parent else str(number - 1)
            for node in document.whys:
                if node.id in subtree_ids(document.whys, sibling.id):
                    renames[node.id] = _renumber(node.id, sibling.id, new_sibling)
    kept = []
    for why in document.whys:
        if why.id in removed:
            continue
        kept.append(why.model_copy(update={"id": renames.get(why.id, why.id)}))
    for item in document.action_items:
        if item.addresses in removed:
            item.__dict__["addresses"] = None
        elif item.addresses in renames:
            item.__dict__["addresses"] = renames[item.addresses]
    document.whys = sort_whys(kept)
    return sorted(removed, key=_path_key)


def sort_whys(whys: list[Why]) -> list[Why]:
    """The stored order: by dotted path, so a file reads top-down like the tree."""
    return sorted(whys, key=lambda why: _path_key(why.id))

