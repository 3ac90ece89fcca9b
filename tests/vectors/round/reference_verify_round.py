#!/usr/bin/env python3
"""An independent verifier of Scorebook round files, written from docs/round-format.md alone
(steps 1-7 of its section 5: everything but the catalog).

    python3 reference_verify_round.py ROUND.json...

Prints, per file, "FILE valid" or "FILE CODE: why" with the document's code, and exits 0 when
every file is valid, 1 otherwise. Needs `cryptography`.
"""
import hashlib
import json
import re
import sys
from datetime import date, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

MAX_BYTES = 16 * 1024 * 1024
MAX_SAFE = 2**53 - 1
MAX_U32 = 2**32 - 1
ENVELOPE = "scorebook-signed/1"
ROUND_TYPE = "application/vnd.scorebook.round+json"
PAYLOAD_TYPE = re.compile(r"[a-z0-9.+/-]{1,128}")
NUMBER = re.compile(r"[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff_-]{0,63}")
RFC3339 = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)
ROLES = {"leader", "member", "trainee"}
KINDS = {"organisation", "individual"}


class Refused(Exception):
    def __init__(self, code, why=""):
        super().__init__(f"{code}: {why}")
        self.code = code



BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def age_recipient(text):
    """An age X25519 recipient in its one spelling: "age1", lowercase Bech32 of 32 bytes with a
    valid checksum (BIP 173), as the age specification (c2sp.org/age) writes it."""
    if not text.startswith("age1") or text != text.lower():
        return False
    data = text[4:]
    if len(data) != 58 or any(c not in BECH32 for c in data):
        return False
    values = [BECH32.index(c) for c in data]
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in [ord(c) >> 5 for c in "age"] + [0] + [ord(c) & 31 for c in "age"] + values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for k in range(5):
            chk ^= gen[k] if (top >> k) & 1 else 0
    if chk != 1:
        return False
    acc = bits = 0
    out = []
    for v in values[:-6]:
        acc = (acc << 5) | v
        bits += 5
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    return len(out) == 32 and (acc & ((1 << bits) - 1)) == 0

def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise Refused("duplicate-key")
    return dict(pairs)


def no_float(text):
    raise Refused("bad-number", text)


def safe_int(text):
    n = int(text)
    if abs(n) > MAX_SAFE or text == "-0":
        raise Refused("bad-number", text)
    return n


def canonical(value):
    # RFC 8785 for strings, safe integers, booleans, null, arrays and objects with ASCII keys.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def depth(v, d=0):
    if isinstance(v, (dict, list)):
        d += 1
        if d > 32:
            raise Refused("too-deep")
        for x in v.values() if isinstance(v, dict) else v:
            depth(x, d)


def lower_hex(s, n):
    if not isinstance(s, str) or len(s) != 2 * n or any(c not in "0123456789abcdef" for c in s):
        return None
    return bytes.fromhex(s)


def pae(t, p):
    t = t.encode()
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(p), p)


def fingerprint(key):
    h = hashlib.sha256(key).hexdigest()[:16]
    return " ".join(h[i : i + 4] for i in range(0, 16, 4))


def blank(s):
    return s.strip() == ""


# -- Step 1: the envelope (docs/sheet-format.md sections 2-3) ------------------------------------


def envelope(data):
    if len(data) == 0:
        raise Refused("empty")
    if len(data) > MAX_BYTES:
        raise Refused("too-large")
    if b"\x00" in data:
        raise Refused("binary")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused("not-json", "not UTF-8")
    try:
        doc = json.loads(
            text, object_pairs_hook=no_duplicates, parse_float=no_float, parse_int=safe_int
        )
    except json.JSONDecodeError as e:
        raise Refused("truncated" if e.pos >= len(text.rstrip()) else "not-json", str(e))
    depth(doc)
    if canonical(doc) != data:
        raise Refused("not-canonical", "the file is not in canonical form")
    if not isinstance(doc, dict) or not isinstance(doc.get("envelope"), str):
        raise Refused("not-signed-document")
    m = re.fullmatch(r"scorebook-signed/([0-9]+)", doc["envelope"])
    if m and int(m.group(1)) > 1:
        raise Refused("future-version")
    if doc["envelope"] != ENVELOPE:
        raise Refused("not-signed-document")
    extra = set(doc) - {"envelope", "payload", "payload_type", "signature"}
    if extra:
        raise Refused("unknown-field", sorted(extra)[0])
    payload, ptype, sig = doc.get("payload"), doc.get("payload_type"), doc.get("signature")
    if not isinstance(payload, dict) or not isinstance(ptype, str) or not PAYLOAD_TYPE.fullmatch(ptype):
        raise Refused("bad-envelope")
    if not isinstance(sig, dict) or set(sig) != {"public_key", "sig"}:
        raise Refused("bad-envelope")
    key = lower_hex(sig["public_key"], 32)
    if key is None:
        raise Refused("bad-key")
    signature = lower_hex(sig["sig"], 64)
    if signature is None:
        raise Refused("bad-envelope")
    p = canonical(payload)  # the exact payload bytes, since the file is canonical
    try:
        Ed25519PublicKey.from_public_bytes(key).verify(signature, pae(ptype, p))
    except (InvalidSignature, ValueError):
        raise Refused("bad-signature")
    return ptype, payload, sig["public_key"]


# -- Steps 3-5: format, members, one spelling ----------------------------------------------------

ROUND_MEMBERS = {
    "format": (str, True),
    "format_version": (int, True),
    "round_id": (str, True),
    "version": (int, True),
    "name": (str, True),
    "program": (dict, True),
    "tracks": (list, True),
    "acting_leaders": (list, False),
    "office_recipient": (str, False),
    "starts_on": (str, False),
    "ends_on": (str, False),
    "members": (list, True),
    "applicants": (list, True),
    "stages": (dict, True),
    "created_at": (str, True),
}
DOCREF = {"id": (str, True), "edition": (str, True), "hash": (str, True)}
TRACK = {"track": (str, True), "framework": (dict, True)}
MEMBER = {
    "name": (str, True),
    "public_key": (str, True),
    "fingerprint": (str, True),
    "role": (str, True),
    "pool_number": (str, False),
    "age_recipient": (str, False),
}
APPLICANT = {
    "number": (str, True),
    "name": (str, True),
    "kind": (str, True),
    "track": (str, True),
    "recommended_by": (str, False),
    "coaches": (list, False),
}
STAGES = {"document_review": (list, True), "site_review": (list, False)}
ACTING = {"applicant": (str, True), "public_key": (str, True)}


def members(obj, spec, at):
    """Exactly the members of `spec`, each of its type. An optional member that is present must
    be present in content: null, "" (for recommended_by) and [] (for coaches) are other spellings."""
    if not isinstance(obj, dict):
        raise Refused("invalid-field", at)
    for k in obj:
        if k not in spec:
            raise Refused("unknown-field", f"{at}.{k}")
    for k, (ty, required) in spec.items():
        if k not in obj:
            if required:
                raise Refused("invalid-field", f"{at}.{k} missing")
            continue
        v = obj[k]
        if v is None and not required:
            raise Refused("not-canonical", f"{at}.{k} is null")
        if not isinstance(v, ty) or isinstance(v, bool):
            raise Refused("invalid-field", f"{at}.{k}")
        if ty is int and not 0 <= v <= MAX_U32:
            raise Refused("invalid-field", f"{at}.{k}")


def strings(values, at):
    if not all(isinstance(v, str) for v in values):
        raise Refused("invalid-field", at)


def shape(r):
    if not isinstance(r, dict):
        raise Refused("invalid-field", "payload")
    if isinstance(r.get("format"), str) and r["format"] != "scorebook-round":
        raise Refused("not-a-round", "format")
    v = r.get("format_version")
    if isinstance(v, int) and not isinstance(v, bool):
        if v > 3:
            raise Refused("future-version")
        if v < 1:
            raise Refused("unsupported-version")
    members(r, ROUND_MEMBERS, "$")
    members(r["program"], DOCREF, "$.program")
    for i, t in enumerate(r["tracks"]):
        members(t, TRACK, f"$.tracks[{i}]")
        members(t["framework"], DOCREF, f"$.tracks[{i}].framework")
    for i, m in enumerate(r["members"]):
        members(m, MEMBER, f"$.members[{i}]")
        if m["role"] not in ROLES:
            raise Refused("invalid-field", f"$.members[{i}].role")
    for i, a in enumerate(r["applicants"]):
        members(a, APPLICANT, f"$.applicants[{i}]")
        if a["kind"] not in KINDS:
            raise Refused("invalid-field", f"$.applicants[{i}].kind")
        strings(a.get("coaches", []), f"$.applicants[{i}].coaches")
        if a.get("recommended_by") == "" or a.get("coaches") == []:
            raise Refused("not-canonical", f"$.applicants[{i}]: an empty optional member")
    if r.get("acting_leaders") == []:
        raise Refused("not-canonical", "$.acting_leaders: an empty optional member")
    for i, a in enumerate(r.get("acting_leaders", [])):
        members(a, ACTING, f"$.acting_leaders[{i}]")
    members(r["stages"], STAGES, "$.stages")
    strings(r["stages"]["document_review"], "$.stages.document_review")
    strings(r["stages"].get("site_review", []), "$.stages.site_review")


# -- Step 6: content -----------------------------------------------------------------------------


def day(s):
    if len(s) != 10 or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", s):
        return None
    try:
        return date.fromisoformat(s)
    except ValueError:
        return None


def content(r):
    if lower_hex(r["round_id"], 16) is None:
        raise Refused("bad-round-id")
    if r["version"] < 1:
        raise Refused("bad-round-version")
    if blank(r["name"]):
        raise Refused("empty-field", "name")
    for k in ("id", "edition", "hash"):
        if blank(r["program"][k]):
            raise Refused("empty-field", f"program.{k}")
    t = r["created_at"]
    try:
        ok = RFC3339.fullmatch(t) and datetime.fromisoformat(t.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        ok = False
    if not ok:
        raise Refused("bad-time", t)
    dates = {}
    for k in ("starts_on", "ends_on"):
        if k in r:
            dates[k] = day(r[k])
            if dates[k] is None:
                raise Refused("bad-date", k)
    if len(dates) == 2 and dates["ends_on"] < dates["starts_on"]:
        raise Refused("dates-reversed")
    seen = set()
    for i, t in enumerate(r["tracks"]):
        if blank(t["track"]):
            raise Refused("empty-field", f"tracks[{i}].track")
        for k in ("id", "edition", "hash"):
            if blank(t["framework"][k]):
                raise Refused("empty-field", f"tracks[{i}].framework.{k}")
        if t["track"] in seen:
            raise Refused("duplicate-track", t["track"])
        seen.add(t["track"])
    keys, names = set(), set()
    for i, m in enumerate(r["members"]):
        if blank(m["name"]):
            raise Refused("empty-field", f"members[{i}].name")
        key = lower_hex(m["public_key"], 32)
        if key is None:
            raise Refused("bad-key", m["name"])
        if m["fingerprint"] != fingerprint(key):
            raise Refused("bad-fingerprint", m["name"])
        if "age_recipient" in m and not age_recipient(m["age_recipient"]):
            raise Refused("bad-key", m["name"])
        if "pool_number" in m and blank(m["pool_number"]):
            raise Refused("empty-field", f"members[{i}].pool_number")
        if m["public_key"] in keys:
            raise Refused("duplicate-key", m["name"])
        keys.add(m["public_key"])
        if m["name"].strip() in names:
            raise Refused("duplicate-name", m["name"])
        names.add(m["name"].strip())
    if not any(m["role"] == "leader" for m in r["members"]):
        raise Refused("no-leader")
    numbers, tracks = set(), {t["track"] for t in r["tracks"]}
    for i, a in enumerate(r["applicants"]):
        if not NUMBER.fullmatch(a["number"]):
            raise Refused("bad-applicant-number", a["number"])
        folded = a["number"].translate(str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"))
        if folded in numbers:
            raise Refused("duplicate-number", a["number"])
        numbers.add(folded)
        if blank(a["name"]):
            raise Refused("empty-field", f"applicants[{i}].name")
        if a["track"] not in tracks:
            raise Refused("track-not-in-round", a["track"])
        if any(blank(c) for c in a.get("coaches", [])):
            raise Refused("empty-field", f"applicants[{i}].coaches")
    exact = {a["number"] for a in r["applicants"]}
    document = r["stages"]["document_review"]
    for stage, listed in (("document_review", document), ("site_review", r["stages"].get("site_review"))):
        if listed is None:
            continue
        once = set()
        for n in listed:
            if n not in exact:
                raise Refused("stage-unknown-number", f"{stage}: {n}")
            if n in once:
                raise Refused("stage-duplicate", f"{stage}: {n}")
            once.add(n)
    for n in r["stages"].get("site_review", []):
        if n not in document:
            raise Refused("site-not-in-document-review", n)
    # Acting leaders (format 2 or 3; format 2 names one): a member, not the applicant's coach.
    acting = r.get("acting_leaders", [])
    if (acting and r["format_version"] < 2) or (not acting and r["format_version"] == 2):
        raise Refused("acting-leader-version")
    once = set()
    for a in acting:
        if a["applicant"] not in exact or a["applicant"] in once:
            raise Refused("bad-acting-leader", a["applicant"])
        once.add(a["applicant"])
        m = next((m for m in r["members"] if m["public_key"] == a["public_key"]), None)
        if m is None or m["role"] != "member":
            raise Refused("bad-acting-leader", a["applicant"])
        applicant = next(x for x in r["applicants"] if x["number"] == a["applicant"])
        if m["name"].strip() in [c.strip() for c in applicant.get("coaches", [])]:
            raise Refused("bad-acting-leader", a["applicant"])
    # The award office's recipient (format 3 exactly when named): an age recipient.
    office = r.get("office_recipient")
    if (office is not None) != (r["format_version"] == 3):
        raise Refused("office-recipient-version")
    if office is not None and not age_recipient(office):
        raise Refused("bad-office-recipient", office)


def verify(data):
    ptype, payload, signer = envelope(data)  # step 1
    if ptype != ROUND_TYPE:  # step 2
        raise Refused("not-a-round", ptype)
    shape(payload)  # steps 3-5
    content(payload)  # step 6
    if not any(m["public_key"] == signer and m["role"] == "leader" for m in payload["members"]):
        raise Refused("not-signed-by-leader")  # step 7
    return payload


def main(paths):
    ok = True
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        try:
            r = verify(data)
            print(f"{path} valid (round {r['round_id']} version {r['version']}, sha256 {hashlib.sha256(data).hexdigest()})")
        except Refused as e:
            ok = False
            print(f"{path} {e}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
