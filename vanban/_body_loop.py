"""The frame's body loop written by Python instead of Jinja, with the same text.

Every frame holds one loop over the body's blocks, ``{% for block in body %}``, whose
body is a chain of ``{% if block.style == "body" %}...{% elif block.style == "heading1"
%}...`` branches, each writing its paragraph's XML around ``{{ block.runs }}``. Jinja
runs that chain for every paragraph: up to sixteen sandboxed attribute lookups and
comparisons before the branch that writes it, most of the cost of rendering a long
document's body.

:func:`split_body_loop` recognises such a loop in a template's syntax tree (only loops
made of what this module can write exactly as Jinja does: text, ``{{ block.name }}`` and
``{% if block.name %}`` inside one branch per style) and returns the template with the
loop replaced by one variable, and the loop as a :class:`BodyLoop`, which writes a list
of blocks by looking each block's branch up by its style. A template whose loop has any
other shape keeps its loop, and Jinja writes it.

What the loop writes is counted against the template's budget as Jinja's would be (a
step per block; the characters when the whole is written where the loop stood).
:meth:`BodyLoop.render_split` writes the first blocks with other branches, given by the
renderer (the text the renderer splices into the body's serialisation, ``_render._Splice``).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Optional, Union

from jinja2 import nodes

LOOP_VARIABLE = "block"
LOOP_ITERABLE = "body"
SLOT = "vanban_body_loop"
"""The variable standing where the loop stood: its text, already written."""

_Piece = Union[str, tuple]
"""Text written as it is, ``("value", name)`` for ``{{ block.name }}``, or ``("if", name,
pieces)`` for ``{% if block.name %}pieces{% endif %}``."""


class _NotTheFramesLoop(Exception):
    """The loop has a shape the Python loop does not write."""


class BodyLoop:
    """The branches of the frame's body loop by style, written without Jinja.

    ``write_value(value)`` is what Jinja writes for ``{{ value }}`` in the template's
    environment (its finalize and escaping), or None for a value it does not know how
    to write as Jinja would: :meth:`render` then returns None and Jinja writes the loop.
    """

    iterable = LOOP_ITERABLE
    slot = SLOT

    def __init__(self, branches: dict[str, tuple[_Piece, ...]], write_value: Callable[[Any], Optional[str]]):
        self.branches = branches
        self.write_value = write_value

    def render(self, blocks: Any, environment: Any) -> Optional[str]:
        """The text Jinja's loop would write for ``blocks``, or None when a block is not a
        plain dict holding every key its branch reads (Jinja then writes it, and says
        what is wrong if anything is)."""
        if not isinstance(blocks, (list, tuple)):
            return None
        return self.write(environment.counted(blocks))  # a step a block, as Jinja's loop counts them

    def write(self, blocks: Iterable) -> Optional[str]:
        """What :meth:`render` writes for ``blocks``, their steps not counted (already counted
        by a render that wrote them otherwise: :meth:`render_split`)."""
        out: list[str] = []
        for block in blocks:
            if not self._write_block(block, out):
                return None
        return "".join(out)

    def render_split(self, blocks: Any, environment: Any, spliced: dict[str, tuple],
                     spliced_value: Callable[[Any], Optional[str]]) -> Optional[tuple[str, int, int, str]]:
        """The loop's text for ``blocks`` in two parts: the first blocks written with the
        ``spliced`` branches (each style's pieces and the number of characters they leave
        out of what Jinja writes; see ``_render._spliced_branches``) and ``spliced_value``
        (what the spliced text holds for a value, or None for a value it does not take),
        as long as each block has such a branch and values, but never the last block; the
        others as :meth:`render` writes them. Returns (the spliced text, the length of what
        Jinja writes for it, how many blocks it holds, the text of the others), or None when
        a block is one Jinja must write. Each block is a step, counted once."""
        if not isinstance(blocks, (list, tuple)):
            return None
        head: list[str] = []
        rest: list[str] = []
        left_out = 0
        splicing = True
        last = len(blocks) - 1
        count = 0
        for index, block in enumerate(environment.counted(blocks)):
            if splicing:
                style = block.get("style") if index < last and type(block) is dict else None
                if type(style) is str:
                    branch = spliced.get(style)
                    if branch is not None:
                        mark = len(head)
                        written = _write_spliced(branch, block, head, spliced_value)
                        if written is not None:
                            left_out += written
                            count += 1
                            continue
                        del head[mark:]
                splicing = False
            if not self._write_block(block, rest):
                return None
        text = "".join(head)
        return text, len(text) + left_out, count, "".join(rest)

    def _write_block(self, block: Any, out: list[str]) -> bool:
        if type(block) is not dict:
            return False
        style = block.get("style")
        if type(style) is not str:
            return False
        pieces = self.branches.get(style)
        return pieces is None or self._write(pieces, block, out)

    def _write(self, pieces: tuple[_Piece, ...], block: dict, out: list[str]) -> bool:
        for piece in pieces:
            if type(piece) is str:
                out.append(piece)
                continue
            kind, name = piece[0], piece[1]
            if name not in block:
                return False
            value = block[name]
            if kind == "value":
                text = self.write_value(value)
                if text is None:
                    return False
                out.append(text)
            else:  # "if": a value whose truth is Python's own
                if value is not None and not isinstance(value, (str, bool)) and not hasattr(value, "__html__"):
                    return False
                if value and not self._write(piece[2], block, out):
                    return False
        return True


def _write_spliced(branch: tuple, block: dict, out: list[str],
                   spliced_value: Callable[[Any], Optional[str]]) -> Optional[int]:
    """Write one block with its spliced branch (pieces, characters left out): the number of
    characters Jinja writes beyond what this writes, or None for a block it does not take."""
    pieces, left_out = branch
    for piece in pieces:
        if type(piece) is str:
            out.append(piece)
            continue
        name = piece[1]
        if name not in block:
            return None
        value = block[name]
        if piece[0] == "value":
            text = spliced_value(value)
            if text is None:
                return None
            out.append(text)
        else:  # "if": (kind, name, its own branch), taken as render() takes it
            if value is not None and not isinstance(value, (str, bool)) and not hasattr(value, "__html__"):
                return None
            if value:
                written = _write_spliced(piece[2], block, out, spliced_value)
                if written is None:
                    return None
                left_out += written
    return left_out


def split_body_loop(template: nodes.Template,
                    write_value: Callable[[Any], Optional[str]]) -> Optional[BodyLoop]:
    """Find the frame's body loop among ``template``'s top-level nodes and, when this
    module writes it exactly, replace it (in place) with ``{{ vanban_body_loop }}``
    and return it; otherwise leave the template as it is and return None."""
    loops = [index for index, node in enumerate(template.body) if _is_body_loop(node)]
    if len(loops) != 1 or _uses_slot(template):
        return None
    loop = template.body[loops[0]]
    try:
        branches = _branches(loop.body)
    except _NotTheFramesLoop:
        return None
    slot = nodes.Output([nodes.Name(SLOT, "load", lineno=loop.lineno)], lineno=loop.lineno)
    template.body[loops[0]] = slot
    return BodyLoop(branches, write_value)


def _is_body_loop(node: nodes.Node) -> bool:
    return (isinstance(node, nodes.For) and isinstance(node.target, nodes.Name)
            and node.target.name == LOOP_VARIABLE and isinstance(node.iter, nodes.Name)
            and node.iter.name == LOOP_ITERABLE and node.test is None and not node.recursive and not node.else_)


def _uses_slot(template: nodes.Template) -> bool:
    return any(name.name == SLOT for name in template.find_all(nodes.Name))


def _branches(body: list[nodes.Node]) -> dict[str, tuple[_Piece, ...]]:
    """The loop's one ``if``/``elif`` chain on ``block.style``, as pieces by style (the
    first branch of a style is the one Jinja takes)."""
    if len(body) != 1 or not isinstance(body[0], nodes.If) or body[0].else_:
        raise _NotTheFramesLoop
    chain = body[0]
    branches: dict[str, tuple[_Piece, ...]] = {}
    for branch in [chain, *chain.elif_]:
        style = _style_test(branch.test)
        if branch.else_ and branch is not chain:
            raise _NotTheFramesLoop
        branches.setdefault(style, _pieces(branch.body))
    return branches


def _style_test(test: nodes.Node) -> str:
    """``block.style == "name"``: the name."""
    if not (isinstance(test, nodes.Compare) and len(test.ops) == 1 and test.ops[0].op == "eq"
            and _block_attribute(test.expr) == "style" and isinstance(test.ops[0].expr, nodes.Const)
            and type(test.ops[0].expr.value) is str):
        raise _NotTheFramesLoop
    return test.ops[0].expr.value


def _block_attribute(node: nodes.Node) -> Optional[str]:
    """``name`` for ``block.name``, when a dict has no attribute of that name (Jinja reads a
    dict's attribute before its key)."""
    if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) \
            and node.node.name == LOOP_VARIABLE and not hasattr(dict, node.attr):
        return node.attr
    return None


def _pieces(body: list[nodes.Node]) -> tuple[_Piece, ...]:
    pieces: list[_Piece] = []
    for node in body:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if isinstance(child, nodes.TemplateData):
                    pieces.append(child.data)  # written as it is: template text is not finalized
                elif _block_attribute(child) is not None:
                    pieces.append(("value", _block_attribute(child)))
                else:
                    raise _NotTheFramesLoop
        elif isinstance(node, nodes.If) and not node.elif_ and not node.else_ \
                and _block_attribute(node.test) is not None:
            pieces.append(("if", _block_attribute(node.test), _pieces(node.body)))
        else:
            raise _NotTheFramesLoop
    return tuple(pieces)
