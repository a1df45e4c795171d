"""The signature block (authority TM./KT./TL./TUQ./Q., title, the signer's full name) and the e-signature time.

>>> t = "Nơi nhận:\\n- Như trên;\\n- Lưu: VT.\\n\\nKT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH\\nNguyễn Văn A"
>>> s = parse_signer(t); (s["authority"], s["title"], s["name"])
('KT.', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn A')
"""
from __future__ import annotations

import re
from typing import Any

from ..vntext import RARE_SURNAMES, SURNAMES
from .anchors import NAME_WORD_RE, fold, fold_line, is_caps
from .reaccent import spell_phrases
from .bottom import _AUTH_RE, _clean_name, _is_name, name_of, _strip_rank, _BARE_AUTH, _BULLETS, _TITLE_HEADS, _TS_RE, _TS_VN_RE, _noi_nhan_index, untangle_bottom

__all__ = ["deputy_title", "middle_name_spelling", "parse_signer", "parse_signed_at", "post_spelling"]


def _logical_lines(block: list[str]) -> list[str]:
    """Join wrapped caps lines: 'TM. ỦY BAN NHÂN' + 'DÂN' → one line; a new line opens with a head word."""
    out: list[str] = []
    for k, line in enumerate(block):
        line = line.strip()
        f = fold_line(line)
        if out and not out[-1].endswith(",") and _post_under_a_whole_one(out[-1], f):
            out.append(line)
        elif out and k == len(block) - 1 and f.startswith("pho ") and _AUTH_RE.match(out[-1]):
            # a deputy's post right above the name, under an authority line however that ends ('KT. SÁCH,' /
            # 'PHÓ TRƯỞNG BAN': OCR put the first line's words out of order, random layouts, dev, 150 dpi)
            out.append(line)
        elif out and (out[-1].endswith(",") or _BARE_AUTH.match(out[-1]) or not (_AUTH_RE.match(line) or _BARE_AUTH.match(line) or
                                                                      f.startswith(_TITLE_HEADS))):
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    return out


# posts that open a line of their own under an authority line ('TM. BỘ CHÍNH TRỊ' / 'THƯỜNG TRỰC BAN BÍ THƯ',
# 'TL. GIÁM ĐỐC' / 'KẾ TOÁN TRƯỞNG'); a unit's name under a post is its wrap ('KT. TRƯỞNG BAN' / 'BAN CHÍNH SÁCH')
_OWN_LINE_POSTS = ("thuong truc ", "ke toan truong")


def _post_under_a_whole_one(prev: str, f: str) -> bool:
    """Whether folded line `f` is a post of its own under block line `prev`, not the wrapped end of it: a post
    Decree 30's signature blocks print on their own line ('THƯỜNG TRỰC …'), or any line naming a post ('… TRƯỞNG')
    under an authority line that ends on a whole post ('TL. GIÁM ĐỐC')."""
    if not (_AUTH_RE.match(prev) and is_caps(prev)):
        return False
    if (f + " ").startswith(_OWN_LINE_POSTS):
        return True
    return fold_line(prev).endswith(_WHOLE_POSTS) and bool(re.search(r"\b(truong|giam doc|chu tich|chu nhiem)$", f))


def _head(s: str) -> str:
    """A block line without leading debris ('-_ PHÓ TRƯỞNG BAN' → 'PHÓ TRƯỞNG BAN')."""
    return re.sub(r"^[\W_]+", "", s).strip()


def _is_debris(raw: str) -> bool:
    """Seal and handwriting debris OCR reads around a signature: 'SN', '/N ĐẨY', '` là', 'Xxz'."""
    s = raw.strip()
    if _BARE_AUTH.match(s):
        return False  # 'KT.' on a line of its own, its post on the next
    letters = [c for c in s if c.isalpha()]
    if len(letters) <= 1 or (len(letters) == 2 and s.isascii()):  # 'SN', 'A' — but 'TẾ', 'BỘ' are words
        return True
    if re.search(r"[^\w\s.,:;()&'’-]", s):  # symbols a title never has
        return True
    return not is_caps(s)


def _opens_block(line: str) -> bool:
    h = _head(line)
    return bool(h) and is_caps(h) and len(h) <= 90 and not line.lstrip().startswith(_BULLETS[:4]) and (
        bool(_AUTH_RE.match(h)) or bool(_BARE_AUTH.match(h)) or fold_line(h).startswith(_TITLE_HEADS))


def _blocks(lines: list[str]) -> list[tuple[int, list[str], str]]:
    """Candidate signature blocks, read downwards from the first authority/title line to the signer's name
    (skipping seal/handwriting debris): (index of the name line, block lines, name)."""
    out = []
    i = 0
    n = len(lines)
    while i < n:
        if not _opens_block(lines[i]) or (i > 0 and _opens_block(lines[i - 1])):
            i += 1
            continue
        block = [_head(lines[i])]
        k = i + 1
        titled = not (_AUTH_RE.match(block[0]) or _BARE_AUTH.match(block[0]))
        name_at, name = None, ""
        gap = 0
        while k < n and k <= i + 14:
            raw = lines[k].strip()
            h = _head(raw)
            k += 1
            if not raw:
                continue
            found = name_of(raw)
            if found:
                above = lines[k - 2].strip() if k - 2 > i else ""
                if above in SURNAMES or above in RARE_SURNAMES:
                    found = above + " " + found  # 'Nguyễn' / 'Thị Hồng Nhung': the surname wrapped alone above
                name_at, name = k - 1, _wrapped_name(found, lines[k] if k < n else "")
                break
            if not titled and h and not _is_debris(h) and is_caps(h) and (gap == 0 or _opens_block(h)):
                cont = block[-1].endswith(",") or bool(_BARE_AUTH.match(block[-1]))
                if cont and gap and _opens_block(h):
                    cont = False  # a title after debris: not the wrapped end of the line above
                    block[-1] = block[-1].rstrip(" ,")
                block.append(h)
                titled = not cont and not (_AUTH_RE.match(h) or _BARE_AUTH.match(h)) and fold_line(h).startswith(_TITLE_HEADS)
                continue
            if titled and gap == 0 and h and _opens_block(h) and not _is_debris(h) and \
                    not (_AUTH_RE.match(h) or _BARE_AUTH.match(h)):
                block.append(h)  # a second title: "PHÓ TRƯỞNG BAN THƯỜNG TRỰC" / "PHÓ THỦ TƯỚNG"
                continue
            if titled and gap == 0 and len(block) == 1 and _AUTH_RE.match(h) and not _is_debris(h):
                # the head's post with its authority lost ("CỤC TRƯỞNG" for "TL. CỤC TRƯỞNG"), then the deputy's
                # block under it: "KT. TRƯỞNG BAN …" / "PHÓ TRƯỞNG BAN"
                block.append(h)
                titled = False
                continue
            if titled and gap == 0 and is_caps(h) and len(h.split()) == 1 and not _is_debris(raw) and \
                    not fold_line(block[-1]).endswith(_WHOLE_POSTS):
                block.append(h)  # "TM. ỦY BAN NHÂN" / "DÂN", "PHÓ CHÁNH VĂN" / "PHÒNG" (not a seal's word under "CHỦ TỊCH")
                continue
            if titled and gap == 0 and _unit_wrap(block[-1], h, raw, lines[k] if k < n else ""):
                block.append(h)  # 'TRƯỞNG BAN NGHIỆP VỤ' / 'THUẾ HQ' / 'PHÓ TRƯỞNG BAN'
                continue
            if len(raw) > 60 and not is_caps(raw):
                break  # running text: not a signature block
            gap += 1
        if name_at is not None:
            out.append((name_at, block, name))
            i = name_at + 1
        else:
            i += 1
    return out


def _unit_wrap(prev: str, h: str, raw: str, nxt: str) -> bool:
    """Whether caps line `h` is the wrapped end of post line `prev` naming its unit, right before the signer's own
    post: 'TL. CỤC TRƯỞNG' / 'TRƯỞNG BAN NGHIỆP VỤ' / 'THUẾ HQ' / 'PHÓ TRƯỞNG BAN' (a narrow signature column,
    random layouts, dev, 200 dpi). Two to four words, under a post that does not end whole ('CHỦ TỊCH' / a seal's
    words is no wrap) and above a line that opens a title of its own, so a seal's words before the name stay out."""
    nxt_h = _head(nxt)
    return 2 <= len(h.split()) <= 4 and is_caps(h) and not _is_debris(raw) and not _opens_block(h) and \
        not fold_line(prev).endswith(_WHOLE_POSTS) and bool(nxt_h) and _opens_block(nxt_h) and \
        not (_AUTH_RE.match(nxt_h) or _BARE_AUTH.match(nxt_h))


def _wrapped_name(name: str, nxt: str) -> str:
    """The signer's name with the end that wrapped onto the next line ('Tôn Nữ Thị Hồng' / 'Nhung'): one or two
    capitalised syllables alone on the line right under it, and no more than six syllables in all (Decree 30:
    the full name is the last line of the block; a 'Phụ lục' or 'Nơi nhận:' heading is no syllable of a name)."""
    words = nxt.split()
    if not 1 <= len(words) <= 2 or len(name.split()) + len(words) > 6 or is_caps(nxt) or \
            not all(NAME_WORD_RE.fullmatch(w) for w in words):
        return name
    return name + " " + " ".join(words)


# posts complete in themselves: a one-word line under one is no wrap of it ('CHỦ TỊCH' / a seal's 'NHÀ')
_WHOLE_POSTS = ("chu tich", "giam doc", "bo truong", "thu truong", "thu tuong", "cuc truong", "vu truong",
                "vien truong", "chu nhiem", "bi thu", "chanh van phong", "truong ban",
                "quoc hoi", "chinh phu")  # 'CHỦ TỊCH QUỐC HỘI' / a signature's strokes read 'MÀ' (silver, a law)


def _deputy_of(second: str, head: str) -> bool:
    """Whether post `second` is the deputy of post `head` printed above it: 'PHÓ TRƯỞNG BAN' under 'TRƯỞNG BAN
    NGHIỆP VỤ THUẾ HQ', 'PHÓ TRƯỞNG BAN THƯỜNG TRỰC' under 'TRƯỞNG BAN' (one names the other, word for word)."""
    h, s = fold_line(head), fold_line(second)
    if not s.startswith("pho ") or h.startswith("pho "):
        return False
    rest = s[4:]
    return h.startswith(rest + " ") or rest.startswith(h + " ") or rest == h


def _score(block: list[str]) -> bool:
    f = fold_line(" ".join(block))
    return bool(_AUTH_RE.match(block[0])) or any(fold_line(b).startswith(_TITLE_HEADS) for b in block) \
        or any(w in f for w in ("truong", "chu tich", "giam doc", "bo truong", "thu tuong"))


def parse_signer(text: str) -> dict[str, Any] | None:
    """{authority, title, name, lines} of the signature block, or None."""
    lines = _lost_chu([_mended_post(ln) for ln in untangle_bottom(text.replace("\f", "\n")).split("\n")])
    blocks = [b for b in _blocks(lines) if _score(b[1])]
    nn = _noi_nhan_index(lines)
    if not blocks:
        page_ends = frozenset(p.strip().split("\n")[-1].strip() for p in text.split("\f") if p.strip())
        return _signature_column(lines, nn, page_ends) or _bare_signed_name(lines)
    chosen = None
    if nn is not None:
        after = [b for b in blocks if b[0] > nn and b[0] - nn <= 80]
        before = [b for b in blocks if nn - 12 <= b[0] < nn]
        chosen = after[0] if after else (before[-1] if before else None)
    if chosen is None:
        ends = [i for i, ln in enumerate(lines) if ln.rstrip().endswith("./.")]
        after_end = [b for b in blocks if ends and b[0] > ends[0]]
        chosen = after_end[0] if after_end else blocks[-1]
    _, block, name = chosen
    return _read_block(block, name)


# a deputy's or a minister's deputy's post word glued to the post after it ('THỨTRƯỞNG', 150 dpi: OCR lost the
# space); no word of a post is spelt so
_GLUED_POST_RE = re.compile(r"(?<![^\W_])(PHÓ|THỨ)(TRƯỞNG|CHỦ|GIÁM|CHÁNH|VIỆN|VỤ|CỤC|BÍ|TỔNG|THỦ)(?![^\W_])")


def _mended_post(line: str) -> str:
    """A block line in capitals with OCR's marks on its post words undone: a speck read as a dot after a
    deputy's 'PHÓ' ('PHÓ. TRƯỞNG BAN', random layouts, dev, 150 dpi: Decree 30 prints no dot there, and the
    line was taken for the wrapped end of the line above), a 'THỨ'/'PHÓ' glued to its post ('__ THỨTRƯỞNG')."""
    h = _head(line)
    if not h or not is_caps(h) or len(h) > 90:
        return line
    mended = _GLUED_POST_RE.sub(r"\1 \2", re.sub(r"^PHÓ[.,](?= [A-ZĐÀ-Ỹ])", "PHÓ", h))
    if mended == h:
        return line
    debris = line.strip()[:len(line.strip()) - len(h)]  # the specks _head dropped, kept as read
    return debris + mended


def _lost_chu(lines: list[str]) -> list[str]:
    """Lines with a block's post 'CHỦ TỊCH …' put back where OCR lost its 'CHỦ' ('TỊCH QUỐC HỘI' / 'Nguyễn Sinh
    Hùng', silver: a law): a line in capitals opening with 'TỊCH' right above a name (no post opens so), or
    with 'GHỦ TỊCH'."""
    out = list(lines)
    for k, ln in enumerate(lines[:-1]):
        h = _head(ln)
        if is_caps(h) and len(h) <= 60 and (fold_line(h) + " ").startswith("tich ") and name_of(lines[k + 1]):
            out[k] = "CHỦ " + h
        elif h.startswith("GHỦ TỊCH") and name_of(lines[k + 1]):
            out[k] = "C" + h[1:]  # 'GHỦ TỊCH' (the C read as G, 150 dpi): no word is spelt 'ghủ'
    return out


def _read_block(block: list[str], name: str) -> dict[str, Any]:
    """{authority, title, name, lines} of a signature block's lines above the signer's name."""
    logical = _logical_lines(block)
    authority, title = None, None
    for ln in logical:
        m = _AUTH_RE.match(ln)
        if m:
            a = re.sub(r"[\s/.]", "", m.group(1) or m.group(2)).upper()
            authority = a + "."
    last_auth = max((k for k, ln in enumerate(logical) if _AUTH_RE.match(ln)), default=-1)
    plain = [ln.rstrip(" ,") for ln in logical[last_auth + 1:]]
    if plain:
        title = plain[0]
        # "TL. CỤC TRƯỞNG / TRƯỞNG BAN … / PHÓ TRƯỞNG BAN": a deputy of the unit head printed above, signing with
        # the "KT." left out, holds the second post ("PHÓ TRƯỞNG BAN THƯỜNG TRỰC / PHÓ THỦ TƯỚNG" is two posts)
        if len(plain) > 1 and _deputy_of(plain[1], plain[0]):
            title = plain[1]
            # (not under a unit head's longer post: 'TRƯỞNG BAN NGHIỆP VỤ THUẾ HQ' / 'PHÓ TRƯỞNG BAN' is the TL.
            # block whose 'TL. CỤC TRƯỞNG' line was lost)
            if authority is None and fold_line(plain[1])[4:].startswith(fold_line(plain[0])):
                authority = "KT."  # 'TRƯỞNG BAN' / 'PHÓ TRƯỞNG BAN': a deputy signing for the head is KT.; OCR lost it
        elif len(plain) > 2 and authority is None and fold_line(plain[0]) in _WHOLE_POSTS and \
                _deputy_of(plain[2], plain[1]):
            # 'CỤC TRƯỞNG' / 'TRƯỞNG BAN NGHIỆP VỤ THUẾ HQ' / 'PHÓ TRƯỞNG BAN' with the block's authority lost
            # (random layouts, dev, 150 dpi): the signer is the deputy of the unit head, under the head's post;
            # the authority ('TL.' or 'TUQ.') is not guessed
            title = plain[2]
    rank, nm = _strip_rank(name)
    d: dict[str, Any] = {"authority": authority, "title": title, "name": nm, "lines": block + [name]}
    if len(plain) > 1:
        d["titles"] = plain  # the signer holds more than one post
    if rank:
        d["rank"] = rank
    return d


# lines of the signature column looked at after the Nơi nhận list, and the words of a post in capitals that
# make a block of them a signature (real VPCP scan: 'NG, CHỦ NHIỆM' / 'NHIỆM' / 'Mai Thị Thu Vân')
_COLUMN_LINES = 8
_POST_WORDS = ("chu nhiem", "chu tich", "truong", "giam doc", "thu tuong", "bo truong", "bi thu", "tong cuc")


def _signature_column(lines: list[str], nn: int | None, page_ends: frozenset[str] = frozenset()) -> dict[str, Any] | None:
    """The signer where OCR cut the block's first line ('NG, CHỦ NHIỆM'): in the paragraph after the Nơi nhận
    list (the page layout's signature column), a line in capitals naming a post, then a name line; or a column
    that is one whole name-shaped line alone (a paragraph of its own, or the end of its page)."""
    if nn is None:
        return None
    gap = next((i for i in range(nn + 1, len(lines)) if not lines[i].strip()), None)
    if gap is None:
        return None
    col = [ln.strip() for ln in lines[gap + 1:gap + 1 + _COLUMN_LINES]]
    posts = [k for k, ln in enumerate(col) if is_caps(ln) and any(w in fold_line(ln) for w in _POST_WORDS)]
    if not posts and col and (len(col) == 1 or not col[1] or col[0] in page_ends) and _is_name(col[0]) and \
            not is_caps(col[0]):
        # the column is one whole name-shaped line and nothing else (on its page): the signer, whose title a
        # 1-bit scan's black seal took ('CHỦ TỊCH' under the ring, 'Lê Thành Long' clear of it)
        above = _post_above_noi_nhan(lines, nn)
        if above:
            return _read_block(above, _clean_name(col[0]))
        rank, nm = _strip_rank(_clean_name(col[0]))
        d0: dict[str, Any] = {"authority": None, "title": None, "name": nm, "lines": col[:1]}
        if rank:
            d0["rank"] = rank
        return d0
    if not posts and len(col) > 1 and fold_line(col[0]) == "tuong" and name_of(col[1]):
        # 'TƯỚNG' / 'Phạm Minh Chính': the 'THỦ' of the block's one post OCR lost (no post of Decree 30's
        # signature blocks but 'THỦ TƯỚNG' ends so; a deputy's is 'KT. THỦ TƯỚNG' / 'PHÓ THỦ TƯỚNG', two lines)
        return _read_block(["THỦ TƯỚNG"], name_of(col[1]) or "")
    for k in range(posts[0] + 1 if posts else len(col), len(col)):
        if not col[k]:
            break
        name = name_of(col[k])
        if name:
            rank, nm = _strip_rank(name)
            d: dict[str, Any] = {"authority": None, "title": None, "name": nm, "lines": col[:k + 1]}
            if rank:
                d["rank"] = rank
            return d
    return None


def _post_above_noi_nhan(lines: list[str], nn: int) -> list[str]:
    """The signature block's post lines read before the 'Nơi nhận:' line ('_— BỘ TRƯỞNG' / 'Nơi nhận:'): Decree
    30 prints the block's first line level with 'Nơi nhận:', so a reading order by height can put it above the
    list while the name comes after it. Block lines in capitals right above the anchor, after the body's end."""
    out: list[str] = []
    k = nn - 1
    while k >= 0 and nn - k <= 4:
        raw = lines[k].strip()
        k -= 1
        if not raw:
            continue
        h = _head(raw)
        if not h or _is_debris(h) or not is_caps(h) or len(h) > 60:
            break
        out.insert(0, h)
        if _opens_block(raw):
            return out if _score(out) else []
    return []


def _bare_signed_name(lines: list[str]) -> dict[str, Any] | None:
    """A signature without a title: a name next to "(Đã ký)" among the last lines (old laws, copies)."""
    tail = [ln.strip() for ln in lines if ln.strip()][-8:]
    for k, ln in enumerate(tail):
        near = [fold_line(x).strip("()[] .") for x in tail[max(0, k - 1):k] + tail[k + 1:k + 2]]
        if _is_name(ln) and not is_caps(ln) and "da ky" in near:
            rank, nm = _strip_rank(_clean_name(ln))
            d: dict[str, Any] = {"authority": None, "title": None, "name": nm, "lines": [ln]}
            if rank:
                d["rank"] = rank
            return d
    return None


def parse_signed_at(text: str) -> str | None:
    """ISO timestamp of a digital signature: '2020-12-01T09:39:48+0700' → '2020-12-01T09:39:48+07:00'."""
    for rx, order in ((_TS_RE, "ymd"), (_TS_VN_RE, "dmy")):
        for m in rx.finditer(text):
            g = m.groups()
            if order == "ymd":
                y, mo, d = g[0], g[1], g[2]
            else:
                d, mo, y = g[0], g[1], g[2]
            if order == "dmy" and not g[6]:
                # "01/12/2020 09:39" without a zone counts only on a signature line
                ctx = fold(text[max(0, m.start() - 60):m.start()])
                if not any(w in ctx for w in ("ky", "signed", "thoi gian", "date")):
                    continue
            hh, mm, ss, tz = g[3], g[4], g[5] or "00", g[6]
            s = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}T{int(hh):02d}:{mm}:{ss}"
            if tz:
                tz = "+00:00" if tz == "Z" else (tz if ":" in tz else tz[:3] + ":" + tz[3:])
                s += tz
            return s
    return None


def surname_spelling(name: str) -> str:
    """An OCR'd name whose first word is a common surname with one mark misread ('Đỉnh Công Sứ' → 'Đinh Công Sứ',
    'Lẽ' → 'Lê'): the one surname it folds to; a word that is a surname itself stays."""
    from .anchors import fold
    words = name.split()
    if len(words) < 2 or words[0] in SURNAMES or words[0] in RARE_SURNAMES or words[0].isascii():
        return name  # a name read without marks at all ('Nguyen Van A', text stripped of them) is left as read
    same = [s for s in SURNAMES | RARE_SURNAMES if fold(s) == fold(words[0])]
    return " ".join([same[0]] + words[1:]) if len(same) == 1 and same[0] in SURNAMES else name


def middle_name_spelling(name: str) -> str:
    """An OCR'd name of three words or more whose middle name 'Thị' lost its dot ('Phùng Thi Hồng Hà', random
    layouts, dev): 'Thị' after a surname. In the corpus's news and Wikipedia a surname is followed by 'Thị' 695
    times and by 'Thi' 35 (nearly all one musician, Hoàng Thi Thơ). A name read without any marks stays."""
    words = name.split()
    if len(words) < 3 or words[1] != "Thi" or name.isascii() or not (
            words[0] in SURNAMES or words[0] in RARE_SURNAMES):
        return name
    return " ".join([words[0], "Thị"] + words[2:])


def complete_name(name: str, text: str) -> str:
    """A two-word signer's name read without its surname ('Sỹ Hiệp' under a signature whose ink hid the first
    word) with the surname the text itself prints before it ('PCN Nguyễn Sỹ Hiệp' in Nơi nhận), when exactly one
    surname does so; otherwise as read (two-word names exist: 'Mai Sơn')."""
    if len(name.split()) != 2:
        return name
    found = {m.group(1) for m in re.finditer(r"(?<!\w)(\w+) " + re.escape(name) + r"(?!\w)", text)}
    found &= SURNAMES
    return f"{found.pop()} {name}" if len(found) == 1 else name


# the words of posts as Decree 30 prints them in a signature block; OCR mistakes their marks ('PHÓ TRƯỞNG BẠN',
# 'TRƯỜNG', 'TRƯƠNG'); matched accent-insensitively, longest first. Left out: 'THỨ/THỦ TRƯỞNG' (two posts)
_POST_PHRASES = sorted((p.split() for p in (
    "TRƯỞNG BAN", "CHỦ TỊCH", "GIÁM ĐỐC", "TỔNG GIÁM ĐỐC", "CỤC TRƯỞNG", "TỔNG CỤC TRƯỞNG", "CHI CỤC TRƯỞNG",
    "VỤ TRƯỞNG", "BỘ TRƯỞNG", "THỦ TƯỚNG", "CHÁNH VĂN PHÒNG", "CHÁNH ÁN", "VIỆN TRƯỞNG", "CHỦ NHIỆM",
    "TRƯỞNG PHÒNG", "HIỆU TRƯỞNG", "BÍ THƯ", "THƯỜNG TRỰC", "THỐNG ĐỐC", "TỔNG KIỂM TOÁN", "ỦY VIÊN",
    "CHÁNH THANH TRA", "TỔNG THANH TRA", "TRƯỞNG ĐOÀN", "TỔNG THƯ KÝ", "THƯ KÝ", "CHỈ HUY TRƯỞNG", "TƯ LỆNH",
    "CHÍNH ỦY", "ĐỘI TRƯỞNG", "TRƯỞNG KHOA", "KIỂM TOÁN TRƯỞNG", "HỘI ĐỒNG NHÂN DÂN", "ỦY BAN NHÂN DÂN")),
    key=len, reverse=True)


def deputy_title(signer: dict[str, Any]) -> str | None:
    """The title of an OCR'd 'KT.' block whose deputy's 'PHÓ' or the post's last word was lost: 'KT. THỦ TƯỚNG' /
    'THỦ TƯỚNG', 'KT. CHỦ TỊCH' / 'PHÓ CHỦ' (random layouts, dev, 150 dpi) are 'PHÓ THỦ TƯỚNG', 'PHÓ CHỦ TỊCH':
    one signs 'KT.' for the post of the line above only as its deputy. A minister's deputy is a 'THỨ TRƯỞNG',
    so 'KT. BỘ TRƯỞNG' is left as read, and so is a post with its unit after it and any other title."""
    title = signer.get("title")
    if signer.get("authority") != "KT." or not title or not is_caps(title):
        return title
    posts = [ln for ln in signer.get("lines") or [] if _AUTH_RE.match(ln) and is_caps(ln)]
    m = _AUTH_RE.match(posts[-1]) if posts else None
    if m is None or re.sub(r"[\s/.]", "", m.group(1) or "").upper() != "KT":
        return title
    post = posts[-1][m.end():].strip()
    head, t = fold_line(post).split(), fold_line(title).split()
    if head == ["bo", "truong"] and t == ["thu", "truong"]:
        return "THỨ TRƯỞNG"  # 'THƯ TRƯỞNG' (150 dpi): a minister's deputy, never the head of an agency ('THỦ')
    if head == ["bo", "truong"] or head not in [[fold(w) for w in ph] for ph in _POST_PHRASES]:
        return title  # a post with its unit ('KT. TRƯỞNG BAN CHÍNH SÁCH, …' / 'PHÓ TRƯỞNG BAN'): as read
    if t == head or (t[:1] == ["pho"] and 1 <= len(t) - 1 < len(head) and head[:len(t) - 1] == t[1:]):
        return "PHÓ " + post
    return title


def post_spelling(title: str | None) -> str | None:
    """An OCR'd title in capitals with the words of its posts spelt as printed ('PHÓ TRƯỞNG BẠN' → 'PHÓ TRƯỞNG
    BAN', 'PHÓ TRƯỜNG BAN' → 'PHÓ TRƯỞNG BAN'); only marks change, other words (a unit's name) stay as read."""
    if not title or not is_caps(title):
        return title
    words = title.split()
    keys = [fold(w) for w in words]
    if len(words) >= 3 and keys[0] == "pho" and keys[-1] in ("thuong", "thuon", "thuo") and keys[-2] != "cong" \
            and not any(c in words[-1] for c in "ƠỢỚỞỠ"):
        # a deputy's post cut after 'THƯỜNG' or inside it ('PHÓ TRƯỞNG BAN THƯỜ', 'THƯÒ'; random layouts, dev:
        # the seal or the signature's ink over 'TRỰC'): a deputy's post goes on with 'THƯỜNG' only as 'THƯỜNG
        # TRỰC' (a unit's 'CÔNG THƯƠNG', a place's 'THƯỢNG' are no such cut)
        words[-1:], keys[-1:] = ["THƯỜNG", "TRỰC"], ["thuong", "truc"]
    k = 0
    if keys and keys[0] == "pho":
        words[0], k = "PHÓ", 1
    for j in range(len(words) - 1):  # 'THỨ TRƯỜNG' / 'THỦ TRƯƠNG': the post's TRƯỞNG (THỨ or THỦ kept as read)
        if keys[j] == "thu" and keys[j + 1] == "truong":
            words[j + 1] = "TRƯỞNG"
    return " ".join(spell_phrases(words, _POST_PHRASES, k))
