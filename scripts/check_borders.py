#!/usr/bin/env python3
"""Fails when a module's code includes a header of a module it does not depend on.

Every library gets src/ as its include path, so the compiler cannot tell; this
reads the libraries CMake made (nzbd_library: name|folder|sources|deps) and each
file's #include "x/y.h" lines. A header belongs to the library that compiles
x/y.cpp, else to the libraries of its folder. A library may include its own
headers and those of the libraries it reaches through DEPS (they are PUBLIC,
so a dependency's dependencies count). The daemon executable (target nzbd)
is listed too, with its link libraries as DEPS.
  check_borders.py LIBRARIES_FILE SRC_DIR
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def main(lib_file, src):
    src = os.path.realpath(src)
    libs = {}  # name -> (folder relative to src, sources relative to src, direct deps)
    for line in open(lib_file).read().splitlines():
        if not line.strip():
            continue
        name, folder, sources, deps = line.split("|")
        rel = lambda p: os.path.relpath(os.path.realpath(p), src)
        libs[name] = (rel(folder), [rel(s) for s in sources.split(",") if s],
                      [d[len("nzbd::"):] for d in deps.split(",") if d.startswith("nzbd::")])

    def reach(name, seen=None):
        seen = set() if seen is None else seen
        if name not in seen:
            seen.add(name)
            for d in libs.get(name, ("", [], []))[2]:
                reach(d, seen)
        return seen

    by_source = {s: n for n, (_, srcs, _) in libs.items() for s in srcs}

    def owners(path):  # libraries a file under src/ belongs to
        stem = os.path.splitext(path)[0]
        if stem + ".cpp" in by_source:
            return {by_source[stem + ".cpp"]}
        best = max((len(f) for f, _, _ in libs.values() if path.startswith(f + "/")), default=-1)
        return {n for n, (f, _, _) in libs.items() if len(f) == best and path.startswith(f + "/")}

    problems = []
    for root, _, files in os.walk(src):
        for fn in sorted(files):
            if not fn.endswith((".cpp", ".h")):
                continue
            path = os.path.relpath(os.path.join(root, fn), src)
            mine = owners(path)  # a header in a shared folder: any of its libraries
            allowed = set().union(*(reach(n) for n in mine))
            for inc in INCLUDE.findall(open(os.path.join(src, path), errors="replace").read()):
                if not os.path.exists(os.path.join(src, inc)):
                    continue  # a local or generated header, not another module's
                target = owners(inc)
                if mine and target and not (target & allowed):
                    problems.append(f"src/{path}: includes \"{inc}\" of {'/'.join(sorted(target))}, "
                                    f"not reached from the DEPS of {'/'.join(sorted(mine))}")
    for p in problems:
        print(p)
    print(f"{len(problems)} include(s) across module borders" if problems else "module borders kept")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
