"""Draw the import graph of the apps over the layers of pyproject.toml's import-linter contract.

    .venv/bin/python scripts/import_graph.py          # writes docs/layers.svg and docs/layers.dot

Reads the code with grimp (installed with import-linter), leaves out tests and migrations, and draws one
box per app, the layers top to bottom as the contract lists them. A grey arrow goes down a layer (allowed);
a grey arc joins apps of a layer written with ":" (they may import each other);
a red arrow goes sideways in a "|" layer or up (it breaks the contract and is in its ignore list, to fold). The label of
an arrow is the number of modules that import across it. No Graphviz needed for the SVG; the DOT file is
for `dot -Tsvg docs/layers.dot` if you want Graphviz's layout instead.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape

import grimp

ROOT = Path(__file__).resolve().parent.parent
BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN = 130, 34, 40, 70, 30


def layers() -> tuple[list[list[str]], set[int]]:
    """The app layers of the first contract, top first, and the indexes of the layers written with ":"
    (apps that may import each other; "|" means they must not)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    contract = next(c for c in config["contracts"] if c["type"] == "layers")
    rows = [[name.strip().split(".")[-1] for name in layer.replace(":", "|").split("|")]
            for layer in contract["layers"]]
    return rows, {i for i, layer in enumerate(contract["layers"]) if ":" in layer}


def app_edges(apps: set[str]) -> Counter[tuple[str, str]]:
    graph = grimp.build_graph("tdkt", cache_dir=None)
    edges: Counter[tuple[str, str]] = Counter()
    for module in graph.modules:
        parts = module.split(".")
        if len(parts) < 2 or parts[1] not in apps or "tests" in parts or "migrations" in parts:
            continue
        for imported in {m.split(".")[1] for m in graph.find_modules_directly_imported_by(module)
                         if len(m.split(".")) > 1}:
            if imported in apps and imported != parts[1]:
                edges[parts[1], imported] += 1
    return edges


def allowed(rank: dict[str, int], shared: set[int], a: str, b: str) -> bool:
    return rank[a] < rank[b] or (rank[a] == rank[b] and rank[a] in shared)


def svg(rows: list[list[str]], shared: set[int], edges: Counter[tuple[str, str]]) -> str:
    rank = {app: i for i, row in enumerate(rows) for app in row}
    widest = max(len(row) for row in rows)
    width = 2 * MARGIN + widest * BOX_W + (widest - 1) * GAP_X
    height = 2 * MARGIN + len(rows) * BOX_H + (len(rows) - 1) * GAP_Y
    pos = {}
    for i, row in enumerate(rows):
        row_w = len(row) * BOX_W + (len(row) - 1) * GAP_X
        x0 = (width - row_w) / 2
        for j, app in enumerate(row):
            pos[app] = (x0 + j * (BOX_W + GAP_X), MARGIN + i * (BOX_H + GAP_Y))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
           f'font-family="Helvetica, Arial, sans-serif" font-size="13">',
           '<defs>'
           '<marker id="g" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto"><path d="M0,0L10,5L0,10z" fill="#999"/></marker>'
           '<marker id="r" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto"><path d="M0,0L10,5L0,10z" fill="#c0392b"/></marker></defs>',
           f'<rect width="{width:.0f}" height="{height:.0f}" fill="white"/>']
    for (a, b), n in sorted(edges.items(), key=lambda e: rank[e[0][0]] < rank[e[0][1]]):
        ok = allowed(rank, shared, a, b)
        (xa, ya), (xb, yb) = pos[a], pos[b]
        x1, x2 = xa + BOX_W / 2, xb + BOX_W / 2
        if rank[a] == rank[b]:  # sideways: an arc above the row
            y1 = y2 = ya
            cx, cy = (x1 + x2) / 2, ya - 28 - abs(x2 - x1) / 8
        else:
            y1, y2 = (ya + BOX_H, yb) if rank[a] < rank[b] else (ya, yb + BOX_H)
            cx, cy = (x1 + x2) / 2 + (12 if ok else -12), (y1 + y2) / 2
        colour, marker, opacity = ("#999", "g", "0.45") if ok else ("#c0392b", "r", "0.9")
        out.append(f'<path d="M{x1:.0f},{y1:.0f} Q{cx:.0f},{cy:.0f} {x2:.0f},{y2:.0f}" fill="none" '
                   f'stroke="{colour}" stroke-opacity="{opacity}" marker-end="url(#{marker})">'
                   f'<title>{a} → {b}: {n} module(s)</title></path>')
    for app, (x, y) in pos.items():
        out.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="6" '
                   f'fill="#eef3fb" stroke="#35577d"/>'
                   f'<text x="{x + BOX_W / 2:.0f}" y="{y + BOX_H / 2 + 4:.0f}" text-anchor="middle">'
                   f'{escape(app)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def dot(rows: list[list[str]], shared: set[int], edges: Counter[tuple[str, str]]) -> str:
    rank = {app: i for i, row in enumerate(rows) for app in row}
    lines = ["digraph tdkt {", "  rankdir=TB; node [shape=box, style=rounded, fontname=Helvetica];"]
    lines += ["  { rank=same; " + " ".join(f'"{a}";' for a in row) + " }" for row in rows]
    for (a, b), n in sorted(edges.items()):
        colour = "grey60" if allowed(rank, shared, a, b) else "red3"
        lines.append(f'  "{a}" -> "{b}" [label="{n}", color={colour}, fontcolor={colour}];')
    return "\n".join([*lines, "}"]) + "\n"


def main() -> None:
    rows, shared = layers()
    edges = app_edges({app for row in rows for app in row})
    (ROOT / "docs" / "layers.svg").write_text(svg(rows, shared, edges))
    (ROOT / "docs" / "layers.dot").write_text(dot(rows, shared, edges))
    rank = {app: i for i, row in enumerate(rows) for app in row}
    breaking = sum(1 for a, b in edges if not allowed(rank, shared, a, b))
    print(f"docs/layers.svg, docs/layers.dot: {len(edges)} app-to-app imports, {breaking} against the layers")


if __name__ == "__main__":
    main()
