"""Fixtures and benchmark gold for ocrfix.fields (build time: reads ../shared/corpus).

    python -m tools.field_fixtures fixtures   # copy the tvpl2025 documents the tests use
    python -m tools.field_fixtures gold       # draft benchmarks/data/fields_gold.jsonl

`ocr_noise` (also used by the tests and the benchmark) makes an OCR-like copy of a text, deterministically:
accents stripped or randomly wrong, "Số" → "So"/"sb"/"s6", "Đ" → "D", "Nơi nhận" → "Noi nhén".
"""
from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "fields"
GOLD = ROOT / "benchmarks" / "data" / "fields_gold.jsonl"

# tvpl2025 documents copied into tests/fixtures/fields/ (index in iter_docs order → file name)
FIXTURE_DOCS = {
    0: "cv_5348_ct_cs.txt",          # công văn, BỘ TÀI CHÍNH / CỤC THUẾ, TL. + KT., references
    3: "cv_11299_vpcp_kgvx.txt",     # công văn, "V/v" alone on its line
    7: "cv_3257_tni_qldn1.txt",      # CỤC THUẾ / THUẾ TỈNH TÂY NINH, "Tây\nNinh, ngày", bare "KT."
    14: "qd_100_2025_qd_ubnd.txt",   # quyết định with the year in the number, TM. + KT.
    5: "qd_2638_qd_ubnd.txt",        # quyết định, "T/M", no Nơi nhận
    9: "kl_221_kl_tw.txt",           # party document "Số 221-KL/TW"
    22: "tt_36_2025_tt_bxd.txt",     # thông tư; eleven Nơi nhận items, long ones wrapped, beside the seal
    46: "cv_37413_chq_nvthq.txt",    # công văn; scanned, '(Hằng' in its filing line is read '(Hãng' in context
}

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def strip_accents(text: str) -> str:
    """'Quyết định số' → 'Quyet dinh so' (case kept, Đ → D)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in "Đđ":
            out.append("D" if ch == "Đ" else "d")
            continue
        base = unicodedata.normalize("NFD", ch)
        out.append(base[0] if len(base) > 1 and base[0].isascii() else ch)
    return "".join(out)


def _wrong_tone(word: str, rng: random.Random) -> str:
    d = unicodedata.normalize("NFD", word)
    d = "".join(c for c in d if c not in _TONES)
    vowels = [i for i, c in enumerate(d) if c.lower() in "aeiouy"]
    if vowels and rng.random() < 0.7:
        i = rng.choice(vowels) + 1
        while i < len(d) and unicodedata.combining(d[i]):
            i += 1
        d = d[:i] + rng.choice(_TONES) + d[i:]
    return unicodedata.normalize("NFC", d)


def ocr_noise(text: str, seed: int = 0, strip: bool = True, p_word: float = 0.08) -> str:
    """OCR-like copy: accents stripped (strip=True) or randomly wrong (strip=False) on a share of words,
    "Số" → So/Sô/sb/s6, "Đ" → "D", "Nơi nhận" → "Noi nhén", "ngày" → "ngay." now and then; digits kept."""
    rng = random.Random(seed)
    text = re.sub(r"\bSố\b", lambda m: rng.choice(["So", "Sô", "sb", "s6", "Số"]), text)
    text = re.sub(r"\bsố\b", lambda m: rng.choice(["so", "sb", "số", "s6"]), text)
    text = re.sub(r"Nơi nhận", lambda m: rng.choice(["Noi nhén", "Nơi nhân", "Noi nhan", "Nơi nhận"]), text)
    text = re.sub(r"\bngày\b", lambda m: rng.choice(["ngay", "ngay.", "ngày", "ngáy"]), text)
    if strip:
        text = strip_accents(text)

    def word(m: re.Match) -> str:
        w = m.group(0)
        if any(c.isdigit() for c in w) or rng.random() >= p_word:
            return w
        return _wrong_tone(w, rng) if w.isalpha() else w

    text = re.sub(r"[^\W\d_]+", word, text)
    if not strip:
        text = text.replace("Đ", "D") if rng.random() < 0.5 else re.sub(
            r"Đ", lambda m: rng.choice(["D", "Đ"]), text)
    return text


def build_fixtures() -> None:
    """Copy the FIXTURE_DOCS texts (public-domain official documents) into tests/fixtures/fields/."""
    from .corpus import iter_docs

    FIXTURES.mkdir(parents=True, exist_ok=True)
    for i, (doc_id, text) in enumerate(iter_docs("tvpl2025")):
        if i in FIXTURE_DOCS:
            (FIXTURES / FIXTURE_DOCS[i]).write_text(f"{text}\n", encoding="utf-8")
            print(FIXTURE_DOCS[i], doc_id)


def gold_entry(doc_id: str, f: dict[str, Any]) -> dict[str, Any]:
    """The benchmarked part of a fields dict (see benchmarks/fields.py for how each field is compared)."""
    sig = f.get("signer")
    return {
        "id": doc_id,
        "issuer": f["issuer"], "parent_issuer": f["parent_issuer"],
        "number": f["number"], "place": f["place"], "date": f["date"], "type": f["type"],
        "subject": f["subject"],
        "signer": None if sig is None else {k: sig.get(k) for k in ("authority", "title", "name")},
        "recipients": f["recipients"],
        "references": [r["number"] for r in f["references"]],
        "counts": [[c["value"], c["unit"]] for c in f["counts"]],
    }


def build_gold_draft(path: Path = GOLD) -> None:
    """Draft gold from the extractor's output on the clean texts; every entry is then checked by eye and
    fixed by hand in the file itself (see the comment line at its top)."""
    from ocrfix.fields import extract_fields
    from .corpus import iter_docs, split_of

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for doc_id, text in iter_docs("tvpl2025"):
            e = gold_entry(doc_id, extract_fields(text))
            e["split"] = split_of(doc_id)
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "fixtures"
    if cmd == "fixtures":
        build_fixtures()
    elif cmd == "gold":
        build_gold_draft()
    else:
        raise SystemExit(__doc__)
