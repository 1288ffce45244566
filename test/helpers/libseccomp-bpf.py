#!/usr/bin/env python3
"""Builds seccomp filters with libseccomp (python3-seccomp) and prints their BPF.

The test oracle for caplint's compiler. Reads one JSON request per line on
stdin and writes one JSON answer per line on stdout:

request: {"arch": "x86_64|i386|x32|aarch64" or "arches": [...], "default": ACTION, "badArch": ACTION,
          "optimize": 0|2, "syscalls": [{"name": str, "rules": [{"action": ACTION,
          "args": [{"index": int, "op": "EQ|NE|LT|LE|GT|GE|MASKED_EQ",
                    "value": "decimal", "valueTwo": "decimal"}]}]}]}
ACTION:  {"kind": "allow|errno|kill_process|kill_thread|trap|trace|log|notify",
          "errno": int, "data": int}
         or {"arch": ..., "resolve": [names]} -> {"numbers": {name: nr or null}}
answer:  {"bpf": "hex of struct sock_filter[]", "numbers": {name: nr or null},
          "refused": [[name, rule index, errno]], "seconds": build and export time}

A rule libseccomp refuses (for example one whose action equals the
default) is listed in "refused" and left out of the filter.
"""
import json
import os
import sys
import tempfile
import time

import seccomp

ARCHES = {"x86_64": seccomp.Arch.X86_64, "i386": seccomp.Arch.X86,
          "x32": seccomp.Arch.X32, "aarch64": seccomp.Arch.AARCH64}
OPS = {"EQ": seccomp.EQ, "NE": seccomp.NE, "LT": seccomp.LT, "LE": seccomp.LE,
       "GT": seccomp.GT, "GE": seccomp.GE, "MASKED_EQ": seccomp.MASKED_EQ}


def action(a):
    kind = a["kind"]
    if kind == "errno":
        return seccomp.ERRNO(a["errno"])
    if kind == "trace":
        return seccomp.TRACE(a["data"])
    return {"allow": seccomp.ALLOW, "kill_process": seccomp.KILL_PROCESS,
            "kill_thread": seccomp.KILL, "trap": seccomp.TRAP, "log": seccomp.LOG,
            "notify": seccomp.NOTIFY}[kind]


def resolve(request):
    arch = ARCHES[request["arch"]]
    return {"numbers": {name: number(arch, name) for name in request["resolve"]}}


def number(arch, name):
    try:
        nr = seccomp.resolve_syscall(arch, name)
    except (ValueError, RuntimeError):
        return None
    return nr if nr >= 0 else None


def build(request):
    if "resolve" in request:
        return resolve(request)
    started = time.perf_counter()
    arches = [ARCHES[a] for a in request.get("arches", [request.get("arch")])]
    arch = arches[0]
    f = seccomp.SyscallFilter(action(request["default"]))
    native_kept = False
    for a in arches:
        if f.exist_arch(a):
            native_kept = True
        else:
            f.add_arch(a)
    if not native_kept:
        f.remove_arch(seccomp.Arch.NATIVE)
    # One architecture: rules exactly as given. Several (as runc builds them):
    # libseccomp adds each name on every architecture that has it.
    add = f.add_rule_exactly if len(arches) == 1 else f.add_rule
    f.set_attr(seccomp.Attr.ACT_BADARCH, action(request["badArch"]))
    if request.get("optimize", 0) == 2:
        f.set_attr(seccomp.Attr.CTL_OPTIMIZE, 2)
    numbers, refused = {}, []
    for syscall in request["syscalls"]:
        name = syscall["name"]
        numbers[name] = number(arch, name)
        if all(number(a, name) is None for a in arches):
            continue
        for i, rule in enumerate(syscall["rules"]):
            args = [seccomp.Arg(c["index"], OPS[c["op"]], int(c["value"]), int(c["valueTwo"]))
                    for c in rule["args"]]
            try:
                add(action(rule["action"]), name, *args)
            except (RuntimeError, ValueError) as error:
                refused.append([name, i, str(error)])
    with tempfile.TemporaryFile() as out:
        f.export_bpf(out)
        out.seek(0)
        bpf = out.read()
    seconds = time.perf_counter() - started
    return {"bpf": bpf.hex(), "numbers": numbers, "refused": refused, "seconds": seconds}


def main():
    for line in sys.stdin:
        if line.strip():
            sys.stdout.write(json.dumps(build(json.loads(line))) + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
