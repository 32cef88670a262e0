#!/usr/bin/env python3
"""Generates the hostile-input corpus (issue 13): malformed and hostile scenario files under cases/, and
expected.tsv with one row per file:

    file <TAB> outcome <TAB> json-path <TAB> line <TAB> message-substring

outcome is "error" (the loader must refuse it with a ScenarioException whose path, line and message match;
'-' means "not checked", line 0 means a whole-file problem) or "bounded" (it loads, and its run must end
within maxEvents). HostileInputTest reads the table; files too big to commit (over the 4 MiB cap, a sparse
3 GB file, /dev/zero, a FIFO, a folder) are made by the test itself. Regenerate with
    python3 make_corpus.py   (in this folder)   and commit cases/ and expected.tsv together.
"""
import json, os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
HOLE = "\"__HOSTILE__\""
rows = []
n = [0]


def base():
    return {
        "name": "hostile", "description": "a small valid scenario that each case breaks in one place",
        "seed": 7, "variant": "kevy-5.4",
        "cluster": {"nodes": [{"id": "a"}, {"id": "b"}], "scopes": "app:=a", "shards": 1, "commitWindowMs": 0},
        "network": {"latency": {"dist": "uniform", "minMs": 1, "maxMs": 3}, "loss": 0},
        "clients": [{"id": "c1", "primary": "a", "timeoutMs": 500}],
        "steps": [
            {"at": 10, "do": "client", "client": "c1", "command": "SET app:x 1", "expect": "+OK"},
            {"at": 20, "do": "delay", "delayMs": 5, "messages": "any"},
            {"at": 30, "do": "eintr", "node": "a", "count": 1},
        ],
        "chaos": {"untilMs": 50, "meanDownMs": 100},
        "endMs": 100, "maxEvents": 100000,
    }


def emit(name, data, outcome, path="-", line="-", msg="-"):
    n[0] += 1
    fname = "%03d-%s.json" % (n[0], name)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(CASES, fname), mode) as f:
        f.write(data)
    rows.append("\t".join([fname, outcome, path, str(line), msg]))


def text_with(doc, raw):
    """doc serialised with the placeholder replaced by raw JSON text; returns (text, line of the value)."""
    t = json.dumps(doc, indent=1, ensure_ascii=False)
    i = t.index(HOLE)
    line = t.count("\n", 0, i) + 1
    return t.replace(HOLE, raw), line


def setp(doc, path, value):
    cur = doc
    for k in path[:-1]:
        cur = cur[k]
    cur[path[-1]] = value


def jpath(path):
    s = "$"
    for k in path:
        s += "[%d]" % k if isinstance(k, int) else "." + k
    return s


def mutate(name, path, raw, outcome, msg, doc=None):
    d = doc if doc is not None else base()
    setp(d, path, "__HOSTILE__")
    t, line = text_with(d, raw)
    emit(name, t, outcome, jpath(path) if outcome == "error" else "-", line if outcome == "error" else "-", msg)


def main():
    if os.path.isdir(CASES):
        shutil.rmtree(CASES)
    os.makedirs(CASES)
    good = json.dumps(base(), indent=1)

    # ---- 1. syntax: truncations at many points, then classic mistakes
    for cut in [1, 2, 10, 25, 60, 120, 200, 300, 400, 500, 600, 700, len(good) - 2, len(good) - 1]:
        emit("truncated-at-%d" % cut, good[:cut], "error", "-", "-", "invalid JSON")
    for name, t, msg in [
        ("empty-file", "", "empty file"),
        ("only-whitespace", "  \n\t \n", "empty file"),
        ("root-array", "[]", "expected a scenario (a JSON object)"),
        ("root-null", "null", "expected a scenario (a JSON object)"),
        ("root-number", "42", "expected a scenario (a JSON object)"),
        ("root-string", "\"scenario\"", "expected a scenario (a JSON object)"),
        ("trailing-comma", good[:-2] + ",\n}", "invalid JSON"),
        ("single-quotes", good.replace("\"hostile\"", "'hostile'"), "invalid JSON"),
        ("line-comment", good.replace("{", "{ // comment\n", 1), "JSON has no comments"),
        ("block-comment", good.replace("{", "{ /* c */", 1), "JSON has no comments"),
        ("nan", good.replace("\"loss\": 0", "\"loss\": NaN"), "invalid JSON"),
        ("infinity", good.replace("\"loss\": 0", "\"loss\": Infinity"), "invalid JSON"),
        ("minus-infinity", good.replace("\"loss\": 0", "\"loss\": -Infinity"), "invalid JSON"),
        ("leading-zero", good.replace("\"endMs\": 100", "\"endMs\": 0100"), "invalid JSON"),
        ("hex-number", good.replace("\"endMs\": 100", "\"endMs\": 0x64"), "invalid JSON"),
        ("plus-sign", good.replace("\"endMs\": 100", "\"endMs\": +100"), "invalid JSON"),
        ("dot-number", good.replace("\"loss\": 0", "\"loss\": .5"), "invalid JSON"),
        ("unquoted-key", good.replace("\"endMs\"", "endMs"), "invalid JSON"),
        ("missing-colon", good.replace("\"endMs\": 100", "\"endMs\" 100"), "invalid JSON"),
        ("missing-comma", good.replace(",\n \"endMs\"", "\n \"endMs\""), "invalid JSON"),
        ("content-after-document", good + "\n{}", "unexpected content after the end of the document"),
        ("two-documents", good + good, "unexpected content after the end of the document"),
        ("raw-newline-in-string", good.replace("a small valid", "a small\nvalid"), "invalid JSON"),
        ("raw-tab-in-string", good.replace("a small valid", "a small\tvalid"), "invalid JSON"),
        ("bad-escape", good.replace("a small valid", "a small \\q valid"), "invalid JSON"),
        ("short-unicode-escape", good.replace("a small valid", "a small \\u12 valid"), "invalid JSON"),
        ("unclosed-string", good.replace("\"hostile\",", "\"hostile,"), "invalid JSON"),
        ("mismatched-bracket", good.replace("\"shards\": 1", "\"shards\": 1]"), "invalid JSON"),
        ("close-array-in-object", "{\"name\": ]", "invalid JSON"),
        ("true-misspelt", good.replace("\"seed\": 7", "\"seed\": tru"), "invalid JSON"),
        ("null-misspelt", good.replace("\"seed\": 7", "\"seed\": nul"), "invalid JSON"),
        ("duplicate-field", good.replace("\"seed\": 7", "\"seed\": 7, \"seed\": 8"), "duplicate field \"seed\""),
        ("duplicate-nested-field", good.replace("\"shards\": 1", "\"shards\": 1, \"shards\": 2"), "duplicate field \"shards\""),
        ("bare-value-list", "1, 2, 3", "invalid JSON"),
    ]:
        emit(name, t, "error", "-", "-", msg)

    # ---- 2. encodings (bytes)
    gb = good.encode("utf-8")
    for name, b, msg in [
        ("utf16le-bom", good.encode("utf-16"), "UTF-16"),
        ("utf16be-bom", b"\xfe\xff" + good.encode("utf-16-be"), "UTF-16"),
        ("utf16le-no-bom", good.encode("utf-16-le"), "NUL byte"),
        ("utf32", good.encode("utf-32"), "UTF-16"),
        ("latin1-byte", gb.replace(b"a small", b"\xe9 small"), "invalid UTF-8: byte 0xE9"),
        ("lone-continuation", gb.replace(b"a small", b"\x80 small"), "invalid UTF-8: byte 0x80"),
        ("overlong-slash", gb.replace(b"a small", b"\xc0\xaf small"), "invalid UTF-8"),
        ("encoded-surrogate", gb.replace(b"a small", b"\xed\xa0\x80 small"), "invalid UTF-8"),
        ("byte-ff", gb.replace(b"a small", b"\xff small"), "invalid UTF-8: byte 0xFF"),
        ("truncated-multibyte-at-end", gb + b"\xe2\x82", "invalid UTF-8"),
        ("nul-in-string", gb.replace(b"a small", b"a\x00small"), "NUL byte"),
        ("five-byte-sequence", gb.replace(b"a small", b"\xf8\x88\x80\x80\x80 small"), "invalid UTF-8"),
        ("code-point-above-10ffff", gb.replace(b"a small", b"\xf4\x90\x80\x80 small"), "invalid UTF-8"),
    ]:
        emit(name, b, "error", "-", "-", msg)
    emit("utf8-bom-is-fine", b"\xef\xbb\xbf" + gb, "bounded")
    emit("utf8-multibyte-text-is-fine", good.replace("a small valid", "ein kleines gültiges ✓ 🙂").encode("utf-8"), "bounded")

    # ---- 3. lone surrogates (as \u escapes: the only way into a valid UTF-8 file)
    for name, path, raw in [
        ("surrogate-high-in-name", ["name"], "\"\\ud800\""),
        ("surrogate-low-in-name", ["name"], "\"x\\udc00y\""),
        ("surrogate-reversed-pair", ["description"], "\"\\udc00\\ud800\""),
        ("surrogate-high-at-end", ["description"], "\"abc\\udbff\""),
        ("surrogate-in-command", ["steps", 0, "command"], "\"SET app:\\ud800 1\""),
        ("surrogate-in-node-id", ["cluster", "nodes", 0, "id"], "\"\\ud834\""),
        ("surrogate-in-client-id", ["clients", 0, "id"], "\"c\\udfff\""),
        ("surrogate-in-scopes", ["cluster", "scopes"], "\"app\\ud800:=a\""),
        ("surrogate-in-expect", ["steps", 0, "expect"], "\"+O\\ud800K\""),
    ]:
        mutate(name, path, raw, "error", "lone UTF-16 surrogate")
    d = base()
    t = json.dumps(d, indent=1).replace("\"seed\"", "\"\\ud800seed\"", 1)
    emit("surrogate-in-field-name", t, "error", "-", "-", "lone UTF-16 surrogate")
    mutate("surrogate-pair-is-fine", ["description"], "\"\\ud83d\\ude00\"", "bounded", "-")

    # ---- 4. numbers: every hostile spelling in every kind of numeric field
    T = 10 ** 12
    fields = [  # path, name in messages, min, max (None: a long), integer?
        (["endMs"], "endMs", 0, T, True),
        (["maxEvents"], "maxEvents", 1, 50_000_000, True),
        (["seed"], "seed", -2 ** 63, 2 ** 63 - 1, True),
        (["steps", 0, "at"], "at", 0, T, True),
        (["cluster", "shards"], "shards", 1, 1024, True),
        (["cluster", "commitWindowMs"], "commitWindowMs", 0, T, True),
        (["clients", 0, "timeoutMs"], "timeoutMs", 1, T, True),
        (["network", "latency", "maxMs"], "maxMs", 0, T, True),
        (["steps", 1, "delayMs"], "delayMs", 0, T, True),
        (["steps", 2, "count"], "count", 1, 1_000_000, True),
        (["chaos", "meanDownMs"], "meanDownMs", 1, T, True),
        (["network", "loss"], "loss", 0, 1, False),
    ]
    values = ["1e999999999", "-1e999999999", "1e-999999999", "9223372036854775807", "9223372036854775808",
              "-9223372036854775809", "1.5", "1e3", "-1", "1000000000001", "\"100\"", "null", "true",
              "1" * 2000, "0." + "0" * 30 + "1"]
    for path, fname, lo, hi, integral in fields:
        for v in values:
            if v.startswith("\"") or v in ("null", "true"):
                msg = "expected " + fname
            elif len(v) > 40:
                msg = "numbers are limited to 40 characters"
            else:
                num = float(v)
                is_int = all(c in "-0123456789" for c in v)
                if integral:
                    if is_int and lo <= int(v) <= hi:
                        continue  # a valid value: not a hostile case for this field
                    msg = "expected " + fname + " to be an integer"
                else:
                    if num == 0 and any(c in "123456789" for c in v.split("e")[0].split("E")[0]):
                        msg = "too small to represent"
                    elif lo <= num <= hi:
                        continue
                    else:
                        msg = "expected " + fname + " to be a number in [0, 1]"
            tag = v if len(v) <= 24 and v.replace("-", "").replace(".", "").replace("e", "").isalnum() else "v%d" % values.index(v)
            mutate("number-%s-%s" % (fname, tag.replace("\"", "")), path, v, "error", msg)

    # ---- 5. sizes: worlds, lists and strings beyond the limits
    def gen_cluster(nodes, per):
        d = base()
        d["cluster"] = {"generate": {"nodes": nodes, "scopesPerNode": per}}
        d["clients"] = []
        d["steps"] = []
        return d
    for nodes, per, msg, p in [(10_000, 1, "expected nodes to be an integer in [1, 2000]", "$.cluster.generate.nodes"),
                               (100_000, 1, "expected nodes to be an integer in [1, 2000]", "$.cluster.generate.nodes"),
                               (1000, 1000, "at most 20000 are allowed", "$.cluster.generate.scopesPerNode"),
                               (2000, 11, "at most 20000 are allowed", "$.cluster.generate.scopesPerNode"),
                               (2000, 2, "ownership-table entries", "$.cluster.generate.nodes")]:
        emit("generate-%dx%d" % (nodes, per), json.dumps(gen_cluster(nodes, per), indent=1), "error", p, "-", msg)
    d = base(); d["cluster"]["nodes"] = [{"id": "n%d" % i, "host": "h%d" % i} for i in range(2001)]
    emit("nodes-2001", json.dumps(d), "error", "$.cluster.nodes", "-", "at most 2000 are allowed")
    d = base(); d["steps"] = [{"at": 1, "do": "heal"}] * 10_001
    emit("steps-10001", json.dumps(d), "error", "$.steps[10000]", "-", "at most 10000 are allowed")
    d = base(); d["clients"] = [{"id": "k%d" % i, "primary": "a"} for i in range(10_001)]
    emit("clients-10001", json.dumps(d), "error", "$.clients[10000]", "-", "at most 10000 are allowed")
    d = base(); d["workload"] = {"clients": 10_001, "keysPerScope": 1}
    emit("workload-clients-10001", json.dumps(d, indent=1), "error", "$.workload.clients", "-", "expected clients to be an integer")
    d = base(); d["workload"] = {"clients": 1, "keysPerScope": 2_000_000}
    emit("workload-keys-per-scope", json.dumps(d, indent=1), "error", "$.workload.keysPerScope", "-", "expected keysPerScope")
    d = base(); d["data"] = [{"node": "a", "prefix": "app:d1:", "keys": 600_000}, {"node": "b", "prefix": "app:d2:", "keys": 600_000}]
    emit("data-keys-total", json.dumps(d, indent=1), "error", "$.data[1].keys", "-", "at most 1000000 are allowed")
    d = base(); d["data"] = [{"node": "a", "prefix": "app:d:", "keys": 10_000_000}]
    emit("data-keys-ten-million", json.dumps(d, indent=1), "error", "$.data[0].keys", "-", "expected keys to be an integer")
    d = base(); d["steps"][0]["command"] = ["SET"] + ["x"] * 1000
    emit("command-1001-args", json.dumps(d), "error", "$.steps[0].command", "-", "at most 1000 are allowed")
    d = base(); d["cluster"]["scopes"] = ", ".join("s%d:=a" % i for i in range(20_001))
    emit("scopes-string-over-64k", json.dumps(d), "error", "$.cluster.scopes", "-", "strings are limited to 65536")
    d = base(); d["cluster"]["scopes"] = [{"prefix": "s%d:" % i, "writer": "a"} for i in range(20_001)]
    emit("scopes-20001", json.dumps(d, separators=(",", ":")), "error", "$.cluster.scopes", "-", "at most 20000 are allowed")
    d = base(); d["cluster"]["shards"] = 1024
    d["cluster"]["nodes"] = [{"id": i, "host": "h" + i} for i in ["a", "b"] + ["n%d" % k for k in range(98)]]
    emit("total-shards", json.dumps(d), "error", "$.cluster", "-", "shards together")
    for depth, label in [(33, "33"), (1000, "1000"), (100_000, "100000")]:
        emit("nesting-%s" % label, "[" * depth + "]" * depth, "error", "-", 1, "nested more than 32 levels deep")
    d = base(); d["description"] = "x" * 70_000
    emit("string-70000-chars", json.dumps(d), "error", "$.description", "-", "strings are limited to 65536")
    d = base(); d["x" * 70_000] = 1
    emit("field-name-70000-chars", json.dumps(d), "error", "$", "-", "strings are limited to 65536")
    emit("array-100001-elements", "{\"name\": [" + ",".join(["0"] * 100_001) + "]}", "error", "$.name", 1,
         "more than 100000 elements in one array")
    d = base(); d["cluster"]["nodes"][0]["shards"] = 5000
    emit("node-shards-5000", json.dumps(d, indent=1), "error", "$.cluster.nodes[0].shards", "-", "expected shards")

    # ---- 6. kevy's config rules (section 8): empty prefix, writer or fallback, in every place scopes go
    for name, scopes, msg in [
        ("scope-object-empty-prefix", [{"prefix": "", "writer": "a"}], "empty prefix"),
        ("scope-object-empty-writer", [{"prefix": "app:", "writer": ""}], "empty writer"),
        ("scope-object-empty-fallback", [{"prefix": "app:", "writer": "a", "fallback": ""}], "empty fallback"),
        ("scope-string-empty-prefix", "=a", "empty prefix"),
        ("scope-string-empty-writer", "app:=", "empty writer"),
        ("scope-string-empty-fallback", "app:=a|", "empty fallback"),
        ("scope-string-no-equals", "app:a", "-"),
    ]:
        d = base(); d["cluster"]["scopes"] = scopes
        emit(name, json.dumps(d, indent=1), "error", "-", "-", msg)
        d = base(); d["steps"].append({"at": 40, "do": "pushConfig", "node": "b", "scopes": scopes})
        emit("push-" + name, json.dumps(d, indent=1), "error", "-", "-", msg)
        d = base(); d["cluster"]["nodes"][1]["scopes"] = scopes
        emit("node-" + name, json.dumps(d, indent=1), "error", "-", "-", msg)
    # kevy's parse_list drops empty pieces (a trailing or doubled comma is fine: cluster.rs:222-236), so these run.
    d = base(); d["cluster"]["scopes"] = "app:=a, ,b:=b,"
    emit("scope-string-empty-entry-dropped", json.dumps(d, indent=1), "bounded")
    d = base(); d["steps"].append({"at": 40, "do": "pushConfig", "node": "b", "scopes": ",app:=a,,"})
    emit("push-scope-string-empty-entry-dropped", json.dumps(d, indent=1), "bounded")
    d = base(); d["cluster"]["nodes"][1]["scopes"] = " , app:=a"
    emit("node-scope-string-empty-entry-dropped", json.dumps(d, indent=1), "bounded")
    d = base(); d["steps"].append({"at": 40, "do": "pushConfig", "node": "b", "scopes": "app:=a, app:x:=b"})
    emit("push-overlapping-scopes-boots-badly", json.dumps(d, indent=1), "bounded")
    for name, node_id in [("node-id-empty", ""), ("node-id-comma", "a,b"), ("node-id-at", "a@b"), ("node-id-space", " a")]:
        d = base(); d["cluster"]["nodes"][0]["id"] = node_id
        emit(name, json.dumps(d, indent=1), "error", "$.cluster.nodes[0].id", "-", "a node id must be non-empty")

    # ---- 7. structure and types
    for field in ["name", "description", "variant", "cluster", "endMs"]:
        d = base(); del d[field]
        emit("missing-" + field, json.dumps(d, indent=1), "error", "$", "-", "missing required field \"%s\"" % field)
    for field, raw in [("name", "null"), ("name", "1"), ("cluster", "[]"), ("steps", "{}"), ("clients", "\"c1\""),
                       ("network", "true"), ("expect", "[]"), ("variant", "42"), ("chaos", "null")]:
        mutate("type-%s-%s" % (field, raw.replace("\"", "q").replace("[", "a").replace("{", "o").replace("]", "").replace("}", "")),
               [field], raw, "error", "expected")
    d = base(); d["lattency"] = 1
    emit("unknown-field", json.dumps(d, indent=1), "error", "$.lattency", "-", "unknown field \"lattency\"")
    d = base(); d["steps"][0]["do"] = "explode"
    emit("unknown-step", json.dumps(d, indent=1), "error", "$.steps[0].do", "-", "unknown step \"explode\"")
    d = base(); d["steps"][0]["at"] = 101
    emit("step-after-end", json.dumps(d, indent=1), "error", "$.steps[0].at", "-", "is after endMs")
    d = base(); d["chaos"]["untilMs"] = 1000
    emit("chaos-after-end", json.dumps(d, indent=1), "error", "$.chaos.untilMs", "-", "is after endMs")
    d = base(); d["steps"][0]["expect"] = {"regex": "(unclosed"}
    emit("bad-regex", json.dumps(d, indent=1), "error", "$.steps[0].expect.regex", "-", "bad regex")
    d = base(); d["network"]["latency"] = {"dist": "uniform", "minMs": 10, "maxMs": 1}
    emit("latency-max-below-min", json.dumps(d, indent=1), "error", "$.network.latency.maxMs", "-", "expected maxMs >= minMs")
    d = base(); d["network"]["latency"] = {"dist": "exponential", "meanMs": 1e300}
    emit("latency-mean-huge", json.dumps(d, indent=1), "error", "$.network.latency.meanMs", "-", "expected meanMs")
    d = base(); d["variant"] = {"base": "kevy-5.4", "noSuchSwitch": True}
    emit("unknown-switch", json.dumps(d, indent=1), "error", "$.variant.noSuchSwitch", "-", "unknown variant switch")
    d = base(); d["steps"][0]["client"] = "ghost"
    emit("unknown-client", json.dumps(d, indent=1), "error", "$.steps[0].client", "-", "unknown client \"ghost\"")
    d = base(); d["clients"][0]["primary"] = "z"
    emit("unknown-primary", json.dumps(d, indent=1), "error", "$.clients[0].primary", "-", "unknown node \"z\"")
    d = base(); d["steps"][0]["command"] = ""
    emit("empty-command", json.dumps(d, indent=1), "error", "$.steps[0].command", "-", "non-empty command")

    # ---- 8. bounded outcomes: accepted, and the run must end within its own bounds
    d = base(); d["endMs"] = T; d["maxEvents"] = 20_000; d["chaos"] = {"untilMs": T, "crashPerSec": 1000, "meanDownMs": 1}
    emit("bounded-end-at-limit-chaos", json.dumps(d, indent=1), "bounded")
    d = base(); d["endMs"] = T; d["maxEvents"] = 20_000
    d["clients"][0]["timeoutMs"] = T; d["network"]["latency"] = {"dist": "uniform", "minMs": T, "maxMs": T}
    emit("bounded-latency-and-timeout-at-limit", json.dumps(d, indent=1), "bounded")
    d = base(); d["endMs"] = T; d["maxEvents"] = 20_000; d["steps"][1]["delayMs"] = T; d["cluster"]["commitWindowMs"] = T
    emit("bounded-delay-and-commit-window-at-limit", json.dumps(d, indent=1), "bounded")
    d = base(); d["maxEvents"] = 30_000; d["endMs"] = 10_000
    d["workload"] = {"clients": 2_000, "keysPerScope": 5, "opsPerSec": 1e6}
    emit("bounded-workload-flood", json.dumps(d, indent=1), "bounded")
    d = base(); d["network"]["loss"] = 1e-300
    emit("bounded-tiny-loss", json.dumps(d, indent=1), "bounded")
    d = base(); d["seed"] = -2 ** 63
    emit("bounded-seed-min-long", json.dumps(d, indent=1), "bounded")
    d = base(); d["cluster"]["scopes"] = [{"prefix": "app:", "writer": "a", "fallback": "b"}]
    emit("bounded-scope-object", json.dumps(d, indent=1), "bounded")

    # ---- 9. expect.logs (issue 7 item 5), appended so the numbers above stay put
    d = base(); d["expect"] = {"logs": [{"node": "z", "frames": []}]}
    emit("logs-unknown-node", json.dumps(d, indent=1), "error", "$.expect.logs[0].node", "-", "unknown node \"z\"")
    d = base(); d["expect"] = {"logs": [{"node": "a"}]}
    emit("logs-no-frames", json.dumps(d, indent=1), "error", "$.expect.logs[0]", "-", "frames")
    d = base(); d["expect"] = {"logs": [{"node": "a", "frames": ["SET app:x 1", ""]}]}
    emit("logs-empty-frame", json.dumps(d, indent=1), "error", "$.expect.logs[0].frames[1]", "-", "non-empty frame")
    d = base(); d["expect"] = {"logs": [{"node": "a", "frames": [["SET", 1]]}]}
    emit("logs-frame-number", json.dumps(d, indent=1), "error", "$.expect.logs[0].frames[0][1]", "-", "string")
    d = base(); d["expect"] = {"logs": [{"node": "a", "shard": -1, "frames": []}]}
    emit("logs-shard-negative", json.dumps(d, indent=1), "error", "$.expect.logs[0].shard", "-", "shard")
    d = base(); d["expect"] = {"logs": [{"node": "a", "frames": []}, {"node": "a", "shard": 0, "frames": []}]}
    emit("logs-duplicate", json.dumps(d, indent=1), "error", "$.expect.logs[1]", "-", "a second log expectation")
    d = base(); d["expect"] = {"logs": [{"node": "a", "shrad": 1, "frames": []}]}
    emit("logs-unknown-field", json.dumps(d, indent=1), "error", "$.expect.logs[0].shrad", "-", "unknown field \"shrad\"")
    d = base(); d["expect"] = {"logs": {"node": "a", "frames": []}}
    emit("logs-not-array", json.dumps(d, indent=1), "error", "$.expect.logs", "-", "array")
    d = base(); d["expect"] = {"logs": [{"node": "a", "frames": ["SET app:x 1"]}], "history": False}
    emit("bounded-logs", json.dumps(d, indent=1), "bounded")

    with open(os.path.join(HERE, "expected.tsv"), "w") as f:
        f.write("# file\toutcome\tjson-path\tline\tmessage-substring  (generated by make_corpus.py)\n")
        f.write("\n".join(rows) + "\n")
    print(len(rows), "cases")


main()
