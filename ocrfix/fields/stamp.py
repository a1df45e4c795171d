"""The Government e-portal's received stamp ("CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ / ĐẾN Ngày …"), printed in
capitals across the header of the documents it forwards, which OCR reads into the subject lines in pieces:
"GỐNG THÔNG TIN ĐIỆN TỬ CHÍNH PHÙ", "CỔNG THÀNG TỪ CHÍNH PHỦ |", "tất tế ĐIỆN TỪ CHÍNH PHÙ".

>>> stamp_start("thành phố Hà Nội CỔNG THÔNG Pi% Đ'ÊN TỪ CHÍNH PHÙ")
17
>>> stamp_start("HỆ THỐNG CHÍNH TRỊ VÀ CHÍNH QUYỀN") is None
True
>>> stamp_start("Về việc đăng trên Cổng thông tin điện tử Chính phủ") is None   # running text, not the stamp
True
"""
from __future__ import annotations

import re

from .anchors import fold

__all__ = ["stamp_start", "is_stamp_piece"]

# the stamp's words as OCR folds them (CỔNG read 'GỐNG', THÔNG read 'THÀNG', PHỦ read 'PHÓ')
_WORDS = {"cong", "gong", "thong", "thang", "tin", "dien", "den", "tu", "chinh", "phu", "pho"}
_HEAD_WORDS = {"cong", "gong", "thong", "thang", "tin", "dien", "den"}
# how far before its "TỬ CHÍNH" a piece of the stamp's first words may sit (junk tokens between): every one of
# the 6 VPCP-forwarded real scans has "TỬ CHÍNH" with one to four of them in front; a caps title's "HỆ THỐNG
# CHÍNH TRỊ", "PHÓ THỦ TƯỚNG CHÍNH PHỦ" or "VIỆN TRỢ TỪ CHÍNH PHỦ" has not
_BACK = 4  # CỔNG THÔNG TIN ĐIỆN, the four words before TỬ


def _core(tok: str) -> str:
    return re.sub(r"[^\w]", "", tok)


def _stamp_word(tok: str, words: set[str] = _WORDS, initial: bool = False) -> bool:
    """One of `words` in capitals (`initial`: a capital first letter is enough, 'Tử' for 'TỬ')."""
    core = _core(tok)
    return bool(core) and (core[0].isupper() if initial else core.isupper()) and fold(core) in words


def stamp_start(line: str) -> int | None:
    """Where the stamp's capitals start in an OCR line (a character index), or None: a "TỬ CHÍNH" in capitals
    with one of the stamp's first words (CỔNG, THÔNG, TIN, ĐIỆN) at most four tokens before it."""
    toks = [(m.start(), m.group()) for m in re.finditer(r"\S+", line)]
    for i in range(len(toks) - 1):
        if not (_stamp_word(toks[i][1], {"tu"}, initial=True) and _stamp_word(toks[i + 1][1], {"chinh"})):
            continue
        heads = [k for k in range(max(0, i - _BACK), i) if _stamp_word(toks[k][1], _HEAD_WORDS)]
        if heads:
            return toks[heads[0]][0]
    return None


def is_stamp_piece(line: str) -> bool:
    """A short line of the stamp's capitals alone ('PHÙ', 'CHÍNH PHỦ' split off the stamp's first row)."""
    toks = line.split()
    return 0 < len(toks) <= 2 and all(_stamp_word(t) for t in toks)
