"""Where the drafting extractor (draft.jsonl) differs from the final gold, per field and part.

    python3 /work/gold-fields/score_draft.py          # markdown table + the list of misses

Fields compared as benchmarks/fields.py does (exact; issuer = [parent_issuer, issuer]); counts and
references only over the entries whose "checked" list has them.
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIELDS = ["number", "date", "type", "issuer", "place", "subject", "signer", "recipients", "references", "counts"]


def view(f, e):
    return [e["parent_issuer"], e["issuer"]] if f == "issuer" else e[f]


def main() -> None:
    draft = {e["id"]: e for e in map(json.loads, open(HERE / "draft.jsonl", encoding="utf-8"))}
    gold = [json.loads(l) for l in open(HERE / "fields_gold_more.jsonl", encoding="utf-8") if not l.startswith("#")]
    parts = ["dev", "test"]
    res = {p: {f: [0, 0] for f in FIELDS} for p in parts + ["all"]}
    misses = []
    for g in gold:
        d = draft[g["id"]]
        for f in FIELDS:
            if f in ("counts", "references") and f not in g["checked"]:
                continue
            for p in (g["part"], "all"):
                res[p][f][1] += 1
                if view(f, d) != view(f, g):
                    res[p][f][0] += 1
            if view(f, d) != view(f, g):
                misses.append((g["part"], f, g["id"].split("|")[0].split("/")[1], g["id"].split("|")[2]))
    n = {p: sum(1 for g in gold if p == "all" or g["part"] == p) for p in parts + ["all"]}
    print("| field | " + " | ".join(f"{p} ({n[p]} docs): draft ≠ gold, accuracy" for p in parts + ["all"]) + " |")
    print("|---|" + "---|" * 3)
    for f in FIELDS:
        cells = []
        for p in parts + ["all"]:
            bad, tot = res[p][f]
            cells.append(f"{bad} of {tot}, {100 * (tot - bad) / tot:.1f} %")
        print(f"| {f} | " + " | ".join(cells) + " |")
    print()
    for m in sorted(misses):
        print("- " + " ".join(m))


if __name__ == "__main__":
    main()
