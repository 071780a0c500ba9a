#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target from the project's own golden data.

Run from anywhere: python3 fuzz/make_corpus.py. Seeds are named seed-<n>; inputs the fuzzer
finds are kept beside them under their own names and replay in ctest as well.
"""
import hashlib
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent
golden = root.parent / "tests" / "golden"
captures = root.parent / "tests" / "net" / "captures"


def lines(name):
    return [json.loads(l) for l in (golden / name).read_text().splitlines() if l.strip()]


def raw(text):  # code point N stands for byte N
    return text.encode("latin-1")


def write(target, seeds):
    folder = root / "corpus" / target
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("seed-*"):
        old.unlink()
    for data in dict.fromkeys(seeds):
        (folder / ("seed-" + hashlib.sha1(data).hexdigest()[:12])).write_bytes(data)


codec = lines("codec.jsonl")
texts = [raw(c["encoded"]) for c in codec if "encoded" in c] + [raw(c["input"]) for c in codec if "input" in c]
texts += [raw(f["encoded"]) for f in lines("float-repr.jsonl")[::10]]
write("json", texts)

tables = []
for c in codec:
    if "encoded" in c and "float" in c["type"] and c["type"].startswith("vector<"):
        value = json.loads(c["encoded"])["value"]
        tables.append(json.dumps({"value": value[1] if c["form"] == "any" else value}).encode())
write("table", tables + [b'{"value":[[1.5,-0.0,1e308],[4.9e-324,2.5E-3,0.1]]}', b'{"value":[]}'])

frames = [raw(f["bytes"]) for f in lines("frames.jsonl")]
frames += [p.read_bytes() for p in sorted(captures.glob("*.frames"))]
write("frame", [b"\x0b\x07" + f for f in frames] + [b"\x00\x01" + frames[0]])

write("http_request", [raw("".join(c["requests"])) for c in lines("http-server.jsonl")])

client = [raw(c["canned_response_bytes"]) for c in lines("http-client.jsonl")]
write("http_client", [b"\x01" + r for r in client] + [b"\x00" + r for r in client])

write("settings", [
    b"--x=2\x00--ratio=0.25\x00--name=b\x00--flag",
    b"--count=7\x00--names=[\"p\", \"q\"]\x00--table={\"k\": 3}\x00--mode=FAST",
    b"--server-address={\"host\": \"127.0.0.1\", \"port\": 5051}\x00--grid=[[1.0, 2.5]]\x00--mode=SLOW",
    b"--debug-level=DEBUG\x00--full-output\x00--parent-pid=12\x00--output-file=out.json",
    b"-x=3\x00-n=c",
])
