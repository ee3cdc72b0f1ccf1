#!/usr/bin/env python3
"""Finds dependency cycles between the modules of a Rust crate, one module per file.

    python3 .ci/module-cycles.py src-tauri/core/src

A file depends on another when it names a path into it with `crate::` or `super::`, in a `use`
(groups such as `use super::{a, b::C}` are expanded) or inline. A module's ancestors and
descendants do not count: a mod.rs re-exports its children, and they use the area's error type
from it. Unit tests are left out: `tests.rs` files, and everything from `#[cfg(test)] mod tests`
to the end of a file, where this crate keeps them.

Prints each cycle with the dependencies that close it and exits 1 when there is one; exits 0
otherwise. Only the standard library is used, so CI needs nothing installed.
"""

import os
import re
import sys

USE = re.compile(r"\buse\s+([^;]+);")
INLINE = re.compile(r"\b(?:crate|super)(?:::[A-Za-z_][A-Za-z0-9_]*)+")
TESTS = re.compile(r"#\[cfg\(test\)\]\s*mod\s+tests\b")
COMMENT = re.compile(r"//[^\n]*")


def modules(root):
    """Module path (a tuple of names; () for lib.rs) -> file, for every .rs file under root."""
    found = {}
    for dirpath, _, files in os.walk(root):
        for name in files:
            if not name.endswith(".rs"):
                continue
            path = os.path.join(dirpath, name)
            parts = os.path.relpath(path, root)[: -len(".rs")].split(os.sep)
            if parts[-1] in ("mod", "lib", "main"):
                parts = parts[:-1]
            if parts and parts[-1] == "tests":
                continue
            found[tuple(parts)] = path
    return found


def code(path):
    """The file without its unit tests and comments (doc links name paths that are not uses)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return COMMENT.sub("", TESTS.split(text)[0])


def split_top(text, sep):
    """Splits at `sep` outside braces."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p for p in parts if p]


def expand(tree):
    """`super::{a, b::{C, D}}` -> ["super::a", "super::b::C", "super::b::D"]."""
    at = tree.find("{")
    if at < 0:
        return [tree]
    prefix, inner = tree[:at], tree[at + 1 : tree.rfind("}")]
    return [prefix + path for part in split_top(inner, ",") for path in expand(part)]


def paths(text):
    """Every `crate::…` and `super::…` path the code names, as lists of segments."""
    found = [m.group(0) for m in INLINE.finditer(text)]
    for m in USE.finditer(text):
        tree = re.sub(r"\s+as\s+[A-Za-z_][A-Za-z0-9_]*", "", m.group(1))
        found.extend(expand(re.sub(r"\s+", "", tree)))
    out = []
    for path in found:
        segs = [s for s in path.split("::") if s and s not in ("self", "*")]
        if segs and segs[0] in ("crate", "super"):
            out.append(segs)
    return out


def target(mods, module, segs):
    """The module a path points into (the longest prefix that is a module), or None."""
    if segs[0] == "crate":
        base, rest = (), segs[1:]
    else:
        base, rest = module, segs
        while rest and rest[0] == "super":
            base, rest = base[:-1], rest[1:]
    full = base + tuple(rest)
    for n in range(len(full), 0, -1):
        if full[:n] in mods:
            return full[:n]
    return None


def graph(mods):
    edges = {m: set() for m in mods}
    for module, path in mods.items():
        for segs in paths(code(path)):
            t = target(mods, module, segs)
            if t is None or t == module:
                continue
            related = module[: len(t)] == t or t[: len(module)] == module
            if not related:
                edges[module].add(t)
    return edges


def cycles(edges):
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, out = {}, {}, set(), [], []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            v, children = work[-1]
            w = next(children, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(edges[w]))))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
            if low[v] == index[v]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.append(w)
                    if w == v:
                        break
                if len(component) > 1:
                    out.append(sorted(component))
    return sorted(out)


def name(module):
    return "/".join(module) or "lib"


def main():
    if len(sys.argv) != 2:
        print("usage: module-cycles.py CRATE_SRC_DIR", file=sys.stderr)
        return 2
    root = sys.argv[1]
    edges = graph(modules(root))
    found = cycles(edges)
    for component in found:
        members = set(component)
        print("cycle:", ", ".join(name(m) for m in component))
        for m in component:
            for t in sorted(edges[m] & members):
                print(f"    {name(m)} -> {name(t)}")
    if found:
        print(f"{len(found)} module cycle(s) in {root}: move what both sides share into a module of its own")
        return 1
    print(f"no module cycles in {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
