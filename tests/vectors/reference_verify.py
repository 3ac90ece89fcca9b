#!/usr/bin/env python3
"""An independent verifier of Scorebook score sheets, written from docs/sheet-format.md alone.
Reads sheet format versions 1 and 2 (§10).

    python3 reference_verify.py SHEET FRAMEWORK.json PROGRAM.json
    python3 reference_verify.py RECUSAL_RECORD
    python3 reference_verify.py AWARD_LIST [--round ROUND_FILE]

An award recommendation list (docs/award-list-format.md §4) needs no criteria; with the round
file it is also checked against the round (signed by its leader, its applicants).

FRAMEWORK.json and PROGRAM.json are the criteria the sheet names, as files whose parsed content
hashes (SHA-256 of RFC 8785 canonical JSON) match the sheet. Needs `cryptography`.
Prints "valid" or the first failure and exits 0 or 1.
"""
import hashlib
import json
import re
import sys
from datetime import datetime
from decimal import Decimal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

MAX_BYTES = 16 * 1024 * 1024
MAX_SAFE = 2**53 - 1
SHEET_TYPES = {
    "application/vnd.scorebook.score-sheet+json": "score-sheet",
    "application/vnd.scorebook.consensus-sheet+json": "consensus-sheet",
}
RECUSAL_TYPE = "application/vnd.scorebook.recusal+json"
AWARD_LIST_TYPE = "application/vnd.scorebook.award-list+json"
ROUND_TYPE = "application/vnd.scorebook.round+json"


class Invalid(Exception):
    pass


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise Invalid("duplicate key")
    return dict(pairs)


def no_float(text):
    raise Invalid("bad number: " + text)


def safe_int(text):
    n = int(text)
    if abs(n) > MAX_SAFE:
        raise Invalid("bad number: " + text)
    return n


def canonical(value):
    # RFC 8785 for strings, safe integers, booleans, null, arrays and objects with ASCII keys.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def depth(v, d=0):
    if isinstance(v, (dict, list)):
        d += 1
        if d > 32:
            raise Invalid("too deep")
        for x in v.values() if isinstance(v, dict) else v:
            depth(x, d)


def lower_hex(s, n):
    if not isinstance(s, str) or len(s) != 2 * n or any(c not in "0123456789abcdef" for c in s):
        raise Invalid("bad hex")
    return bytes.fromhex(s)


def pae(t, p):
    t = t.encode()
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(p), p)


PLAIN_DECIMAL = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?")
RFC3339 = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})")


def dec(s):
    # §5.3: one spelling — plain, normalised, no "-0".
    if not isinstance(s, str) or not PLAIN_DECIMAL.fullmatch(s) or s == "-0":
        raise Invalid("not canonical: decimal %r" % (s,))
    return Decimal(s)


def time(field, s):
    if not isinstance(s, str) or not RFC3339.fullmatch(s):
        raise Invalid("bad time: " + field)
    try:
        datetime.fromisoformat(s.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise Invalid("bad time: " + field)


def not_empty(field, s):
    if not isinstance(s, str) or not s.strip():
        raise Invalid("empty field: " + field)


def check_recusal(rec, sig, data):
    """A recusal record (§11.2), after the envelope and signature."""
    if rec.get("format") != "scorebook-recusal":
        raise Invalid("not a recusal record")
    if rec.get("format_version") != 1:
        raise Invalid("unknown recusal record version")
    members = {"format", "format_version", "kind", "record_id", "created_at", "program", "round",
               "applicant", "reviewer", "relationship", "declared_at"}
    if set(rec) != members:
        raise Invalid("payload members")
    if rec["kind"] != "recusal":
        raise Invalid("kind mismatch")
    if rec["reviewer"]["public_key"] != sig["public_key"]:
        raise Invalid("signer mismatch")
    lower_hex(rec["record_id"], 16)
    time("created_at", rec["created_at"])
    lower_hex(rec["program"]["hash"], 32)
    rnd = rec["round"]
    if not isinstance(rnd, dict) or set(rnd) != {"hash", "id", "version"}:
        raise Invalid("round: members")
    lower_hex(rnd["id"], 16)
    lower_hex(rnd["hash"], 32)
    if type(rnd["version"]) is not int or rnd["version"] < 1:
        raise Invalid("round: version")
    for field, value in [("program.id", rec["program"]["id"]),
                         ("program.edition", rec["program"]["edition"]),
                         ("applicant.id", rec["applicant"]["id"]),
                         ("applicant.name", rec["applicant"]["name"]),
                         ("reviewer.name", rec["reviewer"]["name"]),
                         ("relationship", rec["relationship"])]:
        not_empty(field, value)
    time("declared_at", rec["declared_at"])
    return hashlib.sha256(data).hexdigest()


NOTE_MEMBERS = {
    "unknown_program": {"program"}, "unknown_track": {"track", "program"},
    "invalid_quota": {"track", "quota"}, "proposed_higher": {"award"},
    "below_minimum": {"total", "minimum"}, "quota_full": {"quota"}, "below_tie": set(),
    "tie_at_quota_edge": {"tied", "total", "places_left"},
    "earlier_stage_only": {"stage", "ranked_on"}, "no_award_before_site": set(),
}


def check_award_list(lst, sig, data, round_file):
    """An award recommendation list (docs/award-list-format.md §4), after the envelope."""
    if lst.get("format") != "scorebook-award-list":
        raise Invalid("not an award list")
    if lst.get("format_version") != 1:
        raise Invalid("unknown award list version")
    members = {"format", "format_version", "kind", "list_id", "created_at", "program", "round",
               "leader", "scope", "min_total", "places", "tracks"}
    if set(lst) != members:
        raise Invalid("payload members")
    if lst["kind"] != "award-list":
        raise Invalid("kind mismatch")
    if set(lst["leader"]) != {"name", "public_key"} or \
            set(lst["program"]) != {"edition", "hash", "id"}:
        raise Invalid("leader or program members")
    if lst["leader"]["public_key"] != sig["public_key"]:
        raise Invalid("signer mismatch")
    lower_hex(lst["list_id"], 16)
    time("created_at", lst["created_at"])
    lower_hex(lst["program"]["hash"], 32)
    rnd = lst["round"]
    if not isinstance(rnd, dict) or set(rnd) != {"hash", "id", "version"}:
        raise Invalid("round: members")
    lower_hex(rnd["id"], 16)
    lower_hex(rnd["hash"], 32)
    if type(rnd["version"]) is not int or rnd["version"] < 1:
        raise Invalid("round: version")
    for field, value in [("program.id", lst["program"]["id"]),
                         ("program.edition", lst["program"]["edition"]),
                         ("leader.name", lst["leader"]["name"])]:
        not_empty(field, value)
    if lst["min_total"] is not None:
        dec(lst["min_total"])
    kinds = ("organisation", "individual")
    for t in lst["tracks"]:
        if set(t) != {"award", "entries", "kind", "track"} or t["kind"] not in kinds:
            raise Invalid("track members")
        not_empty("track", t["track"])
        not_empty("award", t["award"])
        seen = set()
        totals = []
        for e in t["entries"]:
            if set(e) != {"number", "name", "rank", "tied", "total", "proposed_award", "note",
                          "sources", "endorsement"}:
                raise Invalid("entry members")
            not_empty("number", e["number"])
            not_empty("name", e["name"])
            for h in e["sources"]:
                lower_hex(h, 32)
            if e["endorsement"] is not None:
                lower_hex(e["endorsement"], 32)
            n = e["note"]
            if n is not None and (not isinstance(n, dict) or n.get("note") not in NOTE_MEMBERS
                                  or set(n) != NOTE_MEMBERS[n["note"]] | {"note"}):
                raise Invalid("note members")
            if e["number"] in seen:
                raise Invalid("ranking: %s twice" % e["number"])
            seen.add(e["number"])
            totals.append(dec(e["total"]))
            for d in ("total", "minimum"):
                if n is not None and d in n:
                    dec(n[d])
        if lst["scope"] is not None:
            continue  # an acting leader's one entry: its rank is the panel list's
        if totals != sorted(totals, reverse=True):
            raise Invalid("ranking: order")
        for e, total in zip(t["entries"], totals):
            higher = sum(1 for x in totals if x > total)
            equal = sum(1 for x in totals if x == total)
            if type(e["rank"]) is not int or e["rank"] != higher + 1 or e["tied"] != (equal > 1):
                raise Invalid("ranking: rank of " + e["number"])
            if e["proposed_award"] is not None and e["note"] is not None:
                raise Invalid("ranking: proposed with a note")
    scope = lst["scope"]
    if scope is not None:
        es = [e for t in lst["tracks"] for e in t["entries"]]
        if lst["places"] or len(lst["tracks"]) != 1 or len(es) != 1 or es[0]["number"] != scope \
                or es[0]["endorsement"] is not None or es[0]["rank"] < 1:
            raise Invalid("scope: one entry, no places")
    keys = set()
    for p in lst["places"]:
        if set(p) != {"award", "empty", "kind", "proposed", "quota"} or p["kind"] not in kinds:
            raise Invalid("places members")
        if (p["award"], p["kind"]) in keys:
            raise Invalid("places: twice")
        keys.add((p["award"], p["kind"]))
        expected = {e["number"] for t in lst["tracks"] if t["kind"] == p["kind"]
                    for e in t["entries"] if e["proposed_award"] == p["award"]}
        if len(set(p["proposed"])) != len(p["proposed"]) or set(p["proposed"]) != expected \
                or len(p["proposed"]) > p["quota"] or p["empty"] != p["quota"] - len(p["proposed"]):
            raise Invalid("places: " + p["award"])
    for t in lst["tracks"]:
        for e in t["entries"]:
            if e["proposed_award"] is not None and (e["proposed_award"], t["kind"]) not in keys:
                raise Invalid("places: no places for " + e["proposed_award"])
    if round_file is not None:
        renv = json.loads(round_file)
        if renv.get("payload_type") != ROUND_TYPE:
            raise Invalid("not a round file")
        # The round file's own verification is docs/round-format.md §5; here, what the list
        # needs from it: the same file, its leader, its applicants.
        r = renv["payload"]
        try:
            Ed25519PublicKey.from_public_bytes(lower_hex(renv["signature"]["public_key"], 32)) \
                .verify(lower_hex(renv["signature"]["sig"], 64), pae(ROUND_TYPE, canonical(r)))
        except InvalidSignature:
            raise Invalid("round file: bad signature")
        if (rnd["id"], rnd["version"], rnd["hash"]) != \
                (r["round_id"], r["version"], hashlib.sha256(round_file).hexdigest()):
            raise Invalid("other round")
        acting = {a["applicant"]: a["public_key"] for a in r.get("acting_leaders", [])}
        if scope is not None:
            if scope not in acting:
                raise Invalid("scope: no acting leader for " + scope)
            if acting[scope] != sig["public_key"]:
                raise Invalid("not signed by the acting leader")
        elif not any(m["public_key"] == sig["public_key"] and m["role"] == "leader"
                     for m in r["members"]):
            raise Invalid("not signed by the round's leader")
        else:
            for t in lst["tracks"]:
                for e in t["entries"]:
                    if (e["number"] in acting) != (e["endorsement"] is not None):
                        raise Invalid("endorsement: " + e["number"])
        applicants = {(a["number"], a["name"], a["track"]) for a in r["applicants"]}
        for t in lst["tracks"]:
            for e in t["entries"]:
                if (e["number"], e["name"], t["track"]) not in applicants:
                    raise Invalid("not in round: " + e["number"])
    return hashlib.sha256(data).hexdigest()


def verify(data, framework, program, round_file=None):
    if not data:
        raise Invalid("empty")
    if len(data) > MAX_BYTES:
        raise Invalid("too large")
    try:
        text = data.decode("utf-8")
        env = json.loads(text, object_pairs_hook=no_duplicates, parse_float=no_float,
                         parse_int=safe_int, parse_constant=no_float)
    except (UnicodeDecodeError, ValueError) as e:
        raise Invalid("not JSON: %s" % e)
    depth(env)
    if not isinstance(env, dict) or canonical(env) != data:
        raise Invalid("not canonical")
    if set(env) != {"envelope", "payload", "payload_type", "signature"}:
        raise Invalid("bad envelope members")
    if env["envelope"] != "scorebook-signed/1":
        raise Invalid("unknown or future envelope")
    t, sheet, sig = env["payload_type"], env["payload"], env["signature"]
    if not isinstance(sheet, dict) or set(sig) != {"public_key", "sig"}:
        raise Invalid("bad envelope")
    key = lower_hex(sig["public_key"], 32)
    p = canonical(sheet)  # the file is canonical, so these are the payload's bytes in the file
    try:
        Ed25519PublicKey.from_public_bytes(key).verify(lower_hex(sig["sig"], 64), pae(t, p))
    except InvalidSignature:
        raise Invalid("bad signature")

    if t == RECUSAL_TYPE:
        return check_recusal(sheet, sig, data)
    if t == AWARD_LIST_TYPE:
        return check_award_list(sheet, sig, data, round_file)
    if SHEET_TYPES.get(t) != sheet.get("kind"):
        raise Invalid("not a sheet, or kind mismatch")
    if framework is None or program is None:
        raise Invalid("a score sheet: give its FRAMEWORK.json and PROGRAM.json")
    version = sheet.get("format_version")
    if sheet.get("format") != "scorebook-sheet" or type(version) is not int or version not in (1, 2):
        raise Invalid("unknown format or version")
    members = {"format", "format_version", "kind", "sheet_id", "version", "draft", "created_at",
               "program", "track", "applicant", "stage", "reviewer", "conflict", "framework",
               "key_factors", "eligibility", "items", "categories", "total"}
    # §10: version 2 adds `round`, always present (null when the applicant is not from a
    # round); version 1 must not have it.
    if version == 2:
        members.add("round")
    elif "round" in sheet:
        raise Invalid("unknown field: round (sheet format 1)")
    optional = {"sources", "conduct"}
    if not members <= set(sheet) <= members | optional:
        raise Invalid("payload members")
    # §12: 守纪情况, on a site-review score sheet of format 2 only.
    if "conduct" in sheet:
        c = sheet["conduct"]
        if version != 2 or sheet["kind"] != "score-sheet" or sheet["stage"] != "site_review":
            raise Invalid("conduct: on a site-review score sheet only")
        if not isinstance(c, dict) or "verdict" not in c or not set(c) <= {"verdict", "note"} \
                or c["verdict"] not in ("kept", "mostly_kept", "not_kept") \
                or ("note" in c and (not isinstance(c["note"], str) or not c["note"].strip())):
            raise Invalid("conduct: members")
    if sheet.get("round") is not None:
        rnd = sheet["round"]
        if not isinstance(rnd, dict) or set(rnd) != {"hash", "id", "version"}:
            raise Invalid("round: members")
        lower_hex(rnd["id"], 16)
        lower_hex(rnd["hash"], 32)
        if type(rnd["version"]) is not int or rnd["version"] < 1:
            raise Invalid("round: version")
    if sheet["reviewer"]["public_key"] != sig["public_key"]:
        raise Invalid("signer mismatch")
    # Every decimal is in its one spelling before any value is used (§5.3, §8 step 6).
    for d in [sheet["total"]] + [c["score"] for c in sheet["categories"]] + \
            [i["score"] for i in sheet["items"] if i["score"] is not None]:
        dec(d)
    lower_hex(sheet["sheet_id"], 16)
    time("created_at", sheet["created_at"])
    not_empty("applicant.id", sheet["applicant"]["id"])
    not_empty("applicant.name", sheet["applicant"]["name"])
    not_empty("reviewer.name", sheet["reviewer"]["name"])
    conflict = sheet["conflict"]
    if conflict["kind"] != "undeclared":
        time("conflict.declared_at", conflict["declared_at"])
    if conflict["kind"] == "conflict":
        not_empty("conflict.relationship", conflict["relationship"])
    if sheet["kind"] == "score-sheet" and sheet["conflict"]["kind"] == "conflict":
        raise Invalid("conflict declared")

    fw_hash = hashlib.sha256(canonical(framework)).hexdigest()
    pr_hash = hashlib.sha256(canonical(program)).hexdigest()
    if sheet["framework"] != {"id": framework["id"], "edition": framework["edition"], "hash": fw_hash}:
        raise Invalid("unknown framework hash")
    if sheet["program"] != {"id": program["id"], "edition": program["edition"], "hash": pr_hash}:
        raise Invalid("unknown programme hash")
    track = next((x for x in program["tracks"] if x["id"] == sheet["track"]), None)
    if not track or track["framework"] != framework["id"] or track["applicant_kind"] != sheet["applicant"]["kind"]:
        raise Invalid("unknown track")
    checklist = next((c["conditions"] for c in program["eligibility"]
                      if c["applicant_kind"] == track["applicant_kind"]), [])
    if [e["condition"] for e in sheet["eligibility"]] != [c["id"] for c in checklist]:
        raise Invalid("eligibility mismatch")
    for e, c in zip(sheet["eligibility"], checklist):
        if e["verdict"] == "not_applicable" and c.get("applies_if") is None:
            raise Invalid("not applicable refused: %s has no applies_if" % c["id"])

    step = framework["percent_step"]
    fw_items = [(c, i) for c in framework["categories"] for i in c["items"]]
    if [i["code"] for i in sheet["items"]] != [i["code"] for _, i in fw_items]:
        raise Invalid("items mismatch")
    sums, total = {}, Decimal(0)
    for (cat, fi), si in zip(fw_items, sheet["items"]):
        if si["points"] != fi["points"]:
            raise Invalid("points mismatch " + si["code"])
        labels = [r["label"] for r in fi["requirements"]]
        for c in si["strengths"] + si["ofis"]:
            if any(r not in labels for r in c["requirements"]):
                raise Invalid("unknown requirement " + si["code"])
            if len(set(c["requirements"])) != len(c["requirements"]):
                raise Invalid("duplicate requirement " + si["code"])
        pct = si["percent"]
        if pct is None:
            if not sheet["draft"] or si["score"] is not None or si["band"] is not None:
                raise Invalid("unscored item " + si["code"])
            continue
        if not 0 <= pct <= 100 or pct % step:
            raise Invalid("percent off the step " + si["code"])
        if dec(si["score"]) != Decimal(fi["points"]) * pct / 100:
            raise Invalid("item score " + si["code"])
        band = next(b for b in framework["bands"] if b["min"] <= pct <= b["max"])
        if si["band"] != "%d-%d" % (band["min"], band["max"]):
            raise Invalid("band " + si["code"])
        sums[cat["code"]] = sums.get(cat["code"], Decimal(0)) + dec(si["score"])
    if [(c["code"], c["points"]) for c in sheet["categories"]] != \
            [(c["code"], c["points"]) for c in framework["categories"]]:
        raise Invalid("totals: categories")
    for c in sheet["categories"]:
        if dec(c["score"]) != sums.get(c["code"], Decimal(0)):
            raise Invalid("totals: category " + c["code"])
        total += dec(c["score"])
    if dec(sheet["total"]) != total:
        raise Invalid("totals: total")
    if sheet["draft"]:
        raise Invalid("draft")
    return hashlib.sha256(data).hexdigest()


if __name__ == "__main__":
    # A recusal record needs no criteria: `reference_verify.py RECUSAL`.
    # An award list: `reference_verify.py LIST [--round ROUND_FILE]`.
    args = sys.argv[1:]
    round_bytes = None
    if "--round" in args:
        i = args.index("--round")
        round_bytes = open(args[i + 1], "rb").read()
        del args[i:i + 2]
    sheet_file = args[0]
    fw = json.load(open(args[1], encoding="utf-8")) if len(args) > 1 else None
    pr = json.load(open(args[2], encoding="utf-8")) if len(args) > 2 else None
    try:
        print("valid, SHA-256", verify(open(sheet_file, "rb").read(), fw, pr, round_bytes))
    except Invalid as e:
        print("INVALID:", e)
        sys.exit(1)
