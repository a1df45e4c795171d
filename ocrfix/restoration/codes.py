"""Document symbols in restored text: written officially, and numbers OCR split before a symbol rejoined."""
from __future__ import annotations

import re

from ..doc_codes import fix_code, learned_parts
from .choices import TokenChoice
from .tokens import CODE, NUM as K_NUM, WORD

_SPLIT_NUMBER = re.compile(r"^\d{1,2}$")


def code_choices(tokens, offsets, profile: str) -> list[TokenChoice]:
    """Fixes to codes, and numbers OCR split before a code ('1 140/STTTT' → '1140/STTTT'); an abbreviation
    the corpus only writes with Đ gets it back when it stands alone ('HDND' → 'HĐND')."""
    out: list[TokenChoice] = []
    skip: set[int] = set()
    learned = learned_parts()
    for i, t in enumerate(tokens):
        if t.kind == WORD and t.text.isupper() and t.text in learned:
            out.append(TokenChoice(int(offsets[i]), int(offsets[i + 1]), t.text, learned[t.text], 0.9))
            continue
        if t.kind != CODE or i in skip:
            continue
        fixed = fix_code(t.text)
        start = int(offsets[i])
        if (profile == "eng" and i >= 2 and tokens[i - 1].text == " " and tokens[i - 2].kind == K_NUM
                and _SPLIT_NUMBER.match(tokens[i - 2].text) and re.match(r"^\d{2,3}/", t.text)):
            start = int(offsets[i - 2])
            fixed = tokens[i - 2].text + fixed
            original = tokens[i - 2].text + " " + t.text
        else:
            original = t.text
        if fixed != original:
            out.append(TokenChoice(start, int(offsets[i + 1]), original, fixed, 0.9))
    return out
