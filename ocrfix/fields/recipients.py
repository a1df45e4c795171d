"""Recipients: the "Nơi nhận:" list item by item as printed (mended where OCR read it), and "Kính gửi:".

>>> parse_recipients("Nơi nhận:\\n- Như trên;\\n- Lưu: VT.\\n\\nKT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH\\nNguyễn Văn A")
['Như trên', 'Lưu: VT']
"""
from __future__ import annotations

import re
import unicodedata

from ..restoration.syllables import is_syllable
from .anchors import KINH_GUI_RE, NOI_NHAN_RE, fold, fold_line, is_caps
from .bottom import _AUTH_RE, _BULLETS, _TITLE_HEADS, untangle_bottom

__all__ = ["parse_recipients", "parse_addressees", "match_codes"]


def _list_items(lines: list[str], start: int, stop_at_caps: bool = True) -> list[str]:
    items: list[str] = []
    k = start
    blank_run = 0
    bulleted = False
    while k < len(lines):
        s = lines[k].strip()
        k += 1
        if not s:
            blank_run += 1
            if items and blank_run >= 1:
                # a blank line ends the list unless the next non-blank line is another "- " item
                nxt = next((x.strip() for x in lines[k:k + 3] if x.strip()), "")
                if not nxt.startswith(_BULLETS):
                    break
            continue
        blank_run = 0
        if sum(c.isalnum() for c in s) <= 1 and not s.startswith(_BULLETS):
            continue  # OCR debris between items ("`", "ˆ")
        nxt = next((x.strip() for x in lines[k:k + 2] if x.strip()), "")
        if items and items[-1].endswith((";", ".")) and not s.startswith(_BULLETS) and \
                nxt.startswith(_BULLETS[:4]) and _is_debris_line(s):
            continue  # seal or scan debris between two items ("¬ứI")
        if s.startswith(_BULLETS):
            bulleted = True
            items.append(s.lstrip("".join(_BULLETS) + " ").strip())
        elif items and stop_at_caps and (_AUTH_RE.match(s) or (is_caps(s) and not items[-1].endswith(","))) \
                and not items[-1].rstrip().endswith(("-", ":")) \
                and not (_bullet_follows(lines, k) and (s.endswith((";", ",", "-", ":")) or not _titled(s))):
            # the signature's title; not a wrapped code ending its item ('… PTDNNN' / 'BTC;' / '- …', '… TP;' /
            # 'UBND TP;' / '- …', '… QLN.' / 'PTHT, PTDNNN -' / 'BTC;'): a title never ends with ';', ',' or '-'
            # (or ':', OCR's ';') before the next item, and a line that opens with no post ('… phường của' /
            # 'TP:', '… HĐND' / 'TP' / '- …') is a wrapped end too
            break
        elif items and not items[-1].endswith((";", ".")):
            if _filing(items[-1]) and _reads_as_sentence(s) and not items[-1].endswith(","):
                break  # a paragraph from elsewhere on the page after the filing line, not its drafter's note
            items[-1] = items[-1] + " " + s
        elif items and items[-1].endswith((";", ".")) and _bullet_follows(lines, k):
            # an item wrapped after an inner ';' ("…Linh;" / "Trợ lý TTgCP, …") or a comma read as '.'
            items[-1] = items[-1] + " " + s
        elif items and stop_at_caps and not bulleted and items[-1].endswith(";"):
            items.append(s)  # a list whose dashes OCR lost: each item still ends with its ';'
        elif items:
            break
        else:
            items.append(s)
    out = []
    for it in items:
        it = re.sub(r"(?<=\w )\](?=\))", "1", it)  # '(Đội ])': a serif 1 read as ']' (no '[' opens it)
        toks = [t for t in it.split() if not _debris_token(t)]
        while len(toks) > 1 and not any(unicodedata.category(c) in ("Lu", "Ll", "Lo", "Nd") or c == ")"
                                        for c in toks[-1]) and not _PLACEHOLDER.fullmatch(toks[-1]):
            toks.pop()  # trailing debris tokens: "…(BTC); ˆ" (a printed placeholder "Lưu: VT, ……" stays)
        it = " ".join(toks)
        it = re.sub(r"\s+", " ", re.sub(r"[;,.]+$", "", it)).strip()
        if it.strip(" ;,."):
            out.append(it)
    return out


_LIST_PUNCT = set("-–&()/:;,.\"'“”")
# a run of dots left blank to be filled in ("Lưu: VT, …………", a form's "- ………….;"): printed, not debris
_PLACEHOLDER = re.compile(r"[.…]*…[.…]*[;,.]?|\.{4,}[;,]?")


def _debris_token(t: str) -> bool:
    """A token no Nơi nhận list has, made by a seal or by specks over a list item: only symbols ('⁄', '\\') or
    small letters then a capital ('rÍ', 'xM'). Codes (KTr2, TTgCP), abbreviations ('để bc', 'b/c') and words
    keep."""
    if not any(c.isalnum() for c in t):
        return not set(t) <= _LIST_PUNCT and not _PLACEHOLDER.fullmatch(t)
    w = t.strip("".join(_LIST_PUNCT))
    return w.isalpha() and w[0].islower() and any(c.isupper() for c in w)


def _filing(item: str) -> bool:
    """The filing line ('Lưu: VT, …', 'Lưu VT')."""
    return bool(re.match(r"luu\b", fold(item)))


def _reads_as_sentence(s: str) -> bool:
    """A line of running text: four words or more in small letters. The filing line's drafter's note is codes
    and a name ('TĐ_QĐCB/2025', 'Hải'), never a sentence."""
    return sum(1 for w in s.split() if w[:1].islower()) >= 4


def _titled(s: str) -> bool:
    """A line opening with a signature's authority or post ('KT. CHỦ TỊCH', 'PHÓ CỤC TRƯỞNG')."""
    return bool(_AUTH_RE.match(s)) or fold_line(s).startswith(_TITLE_HEADS)


def _bullet_follows(lines: list[str], k: int) -> bool:
    """Whether another "- " item comes within the next two lines, with no blank line before it: the line
    before k is then inside the list, not the first line after it."""
    for x in lines[k:k + 2]:
        x = x.strip()
        if not x:
            return False
        if x.startswith(_BULLETS[:4] + ("~",)):  # '~': a dash as OCR reads it on a blurred scan
            return True
    return False


def _is_debris_line(s: str) -> bool:
    """A short line that is no text: at most 3 letters, or a symbol no list item has ('¬ứI', '©Œ')."""
    letters = sum(c.isalpha() for c in s)
    return len(s) <= 8 and (letters <= 3 or bool(re.search(r"[^\w\s.,:;()/&'’-]", s)))


_DRAFTER_NOTE = re.compile(r"[\w.&/()-]*\d[\w.&/()-]*(?: [\w.&/()-]+){0,2}|[\w.&()-]*[_/][\w.&/()-]*")


def _drafter_note(lines: list[str], items: list[str]) -> list[str]:
    """The drafter's note printed under the filing line ("- Lưu: VT, CT.\n16 QĐ", "TĐ_QĐCB/2025") is part of it:
    a short line with a digit, '_' or '/', and no bullet, right after it."""
    if not items or not re.match(r"luu\b", fold(items[-1])):
        return items
    at = next((k for k in range(len(lines) - 1, -1, -1) if fold(lines[k]).lstrip(" -+•").startswith("luu")
               and items[-1][:6] in lines[k]), None)
    if at is None or at + 1 >= len(lines):
        return items
    note = lines[at + 1].strip()
    if note and len(note) <= 30 and not note.startswith(_BULLETS) and _DRAFTER_NOTE.fullmatch(note):
        items[-1] = lines[at].strip().lstrip("".join(_BULLETS) + " ").rstrip(";") + " " + note
    return items


def parse_recipients(text: str, ocr: bool = True) -> list[str]:
    """Entries of "Nơi nhận:" ('- Như trên;' → 'Như trên'; 'Lưu: VT, …' included); [] if none. Items keep
    their printed spelling; with `ocr` (text that OCR read), separators and codes OCR gets wrong are mended.
    The last "Nơi nhận" with items counts, unless it is a form to fill in: an annex may repeat the heading as a
    blank template, with no items or with items left as dots ("- ………….;"), and then the last list before it
    with real items is the document's own."""
    lines = untangle_bottom(text.replace("\f", "\n")).split("\n")
    heads = [i for i, line in enumerate(lines) if NOI_NHAN_RE.match(fold(line))]
    found = [items for items in (_recipients_at(lines, nn, ocr) for nn in reversed(heads)) if items]
    return next((items for items in found if not _is_form(items)), found[0] if found else [])


def _is_form(items: list[str]) -> bool:
    """A Nơi nhận list of a form to fill in: one of its items is only dots."""
    return any(_PLACEHOLDER.fullmatch(it) for it in items)


def _recipients_at(lines: list[str], nn: int, ocr: bool) -> list[str]:
    f = fold(lines[nn])
    m = NOI_NHAN_RE.match(f)
    rest = lines[nn][m.end():].strip() if m else ""
    items = _list_items(lines, nn + 1)
    if rest:
        items.insert(0, re.sub(r"^[-–+•\s]+|[;,.]+$", "", rest).strip())
    if not ocr:
        return _drafter_note(lines, items)
    return [it for it in (_luu_tail(_fix_luu(_fixed_phrases(_normalize_item(_ink_after_item(it))))) for it in items)
            if it]


def _ink_after_item(item: str) -> str:
    """A signature's stroke read after an item's closing bracket and ';' ('(để báo cáo); ý'): one or two small
    letters after the item has ended are no item."""
    return re.sub(r"\)\s*;\s+[a-zà-ỹđ]{1,2}$", ")", item)


def _normalize_item(it: str) -> str:
    """Separators and spaces in one Nơi nhận item as officials type them and OCR often gets them wrong."""
    # one separator read twice (a comma and a speck under it); an inner ';' alone stays: printed before a small
    # letter too ('Bộ trưởng; các Thứ trưởng' on real scans and random layouts, where a rule making it ',' cost 3
    # items and mended none)
    it = re.sub(r",\s*;", ",", it)
    # '(3)Q' → '(3) Q'; no space is put before '(': OCR keeps that one as printed ('VX(M)', 'VP (BTC)'), and
    # inventing it cost the random-layout dev part 3 Nơi nhận lists (55.7 → 60.7 % exact without it)
    it = re.sub(r"\)(?=[^\W\d_])", ") ", it)
    # '(để b/c)' (báo cáo) is written in small letters; OCR reads its c as a capital or as '©'
    return re.sub(r"(?<![\w/])b/[C©](?![\w/])", "b/c", it)


# the fixed words of a Nơi nhận list as OCR misreads them: '(để b/c)' read 'để b/e', 'để bíc', 'để bác', 'đẻ bắc'
# (a closing ')' read '}' or ']'); an item's opening 'Như' read 'Nhu'; the comrade's 'Đ/c' read 'D/e', 'Đíc',
# 'Đức' (a name never opens an item before a post or rank: 'Đ/c Bộ trưởng', 'Đ/c Đại tá …'); the e-portal's
# 'Cổng TTĐT'
_BC_RE = re.compile(r"\((?:để|đẻ|đề|đế|dể)\s+(?:b[/íìỉl|][ceéoC©]|bác|bắc)\s*[)}\]]")
_POSTS = r"(?:Bộ trưởng|Thứ trưởng|Giám đốc|Phó|Chủ tịch|Bí thư|(?:Đại|Thượng|Trung|Thiếu) (?:tá|tướng)|Đại úy)"
_DC_RE = re.compile(rf"^(?:[DĐ][/íÍl|][ceé]|D/c|Đức(?= {_POSTS}\b))(?= )")
_PORTAL_RE = re.compile(r"\bC[ôốồổ]ng(?= (?:TTĐT\b|[Tt]hông tin điện tử))")


def _fixed_phrases(item: str) -> str:
    """The fixed vocabulary of a Nơi nhận item put back where OCR read it wrong; a word that is not one of these
    phrases' misreadings stays as read."""
    item = _BC_RE.sub("(để b/c)", item)
    if item.count("(") > item.count(")") and item.endswith(("}", "]")):
        item = item[:-1] + ")"  # '(để b/c}': the closing bracket read as a brace
    item = re.sub(r"^Nhu(?= (?:trên|Điều|kính))", "Như", item)
    item = _DC_RE.sub("Đ/c", item)
    item = _fixed_phrase_spelling(_PORTAL_RE.sub("Cổng", item))
    return re.sub(r"\b[A-ZĐ]+I\b", _code_one, item)


# names of bodies that Nơi nhận lists repeat; OCR's one wrong letter in one of them ('Mặt trận Tả quốc', 'Cục Bồ
# trợ tư pháp') is put back. Measured on the corpus's legal and admin text: 565, 7 and 175 times printed, and no
# printed word sequence one letter away from them (the purposes 'để báo cáo', 'để thực hiện' have such neighbours
# — 'chế độ báo cáo', 'đã thực hiện' — and are left out)
_FIXED_PHRASES = ("Mặt trận Tổ quốc", "Bổ trợ tư pháp", "Cổng Thông tin điện tử")


def _one_letter_off(words: list[str], phrase: list[str]) -> bool:
    """The same words but for exactly one letter (case aside)."""
    if [len(w) for w in words] != [len(p) for p in phrase]:
        return False
    diff = [(a, b) for w, p in zip(words, phrase) for a, b in zip(w.casefold(), p.casefold()) if a != b]
    return len(diff) == 1 and diff[0][0].isalpha()


def _fixed_phrase_spelling(item: str) -> str:
    """Each _FIXED_PHRASES phrase OCR read one letter wrong, written as the phrase (the case of each word's first
    letter as read; a word's punctuation and what is glued to it by a hyphen kept: 'pháp-BTP')."""
    toks = item.split(" ")
    for phrase in (p.split() for p in _FIXED_PHRASES):
        n = len(phrase)
        for k in range(len(toks) - n + 1):
            core = [re.split(r"[(),;.:/-]", t.lstrip("("))[0] for t in toks[k:k + n]]
            if _one_letter_off(core, phrase):
                for j, (t, c, p) in enumerate(zip(toks[k:k + n], core, phrase)):
                    p = p[0].upper() + p[1:] if c[:1].isupper() else p[0].lower() + p[1:]
                    toks[k + j] = t.replace(c, p, 1)
    return " ".join(toks)


def _code_one(m: re.Match) -> str:
    """A unit code's final 1 that OCR read as I ('KTRI' for KTR1, 'QLDNI'): three capitals or more with no vowel
    before the I, spelling no roman numeral; a syllable ('ĐI') only inside a bracket after a code ('PC04 (ĐI)' for
    the team 'Đ1'). Two letters before an I are left as read: FDI, PCI, PVI are printed names, and so is a name
    with vowels (SUZUKI, LICOGI), so 'TKI' for TK1 stays unmended."""
    tok = m.group()
    if len(tok) < 2 or set(tok) <= set("IVXLCDM"):
        return tok
    s = m.string
    in_bracket = s[m.start() - 1:m.start()] == "(" and s[m.end():m.end() + 1] in (")", ",")
    if in_bracket and len(tok) == 2:
        return tok[:-1] + "1"
    if len(tok) < 4 or re.search(r"[AEIOUY]", fold(tok[:-1]).upper()) or is_syllable(tok.lower()):
        return tok
    return tok[:-1] + "1"


# what the filing line can hold after its codes: a count '(2b)', a drafter's name or initials, codes ('PA05',
# 'Hcc3', 'TĐ_QĐCB/2025'), the copies printed ('Nam 15b', '(Hằng B - 3b)'); a letter no Vietnamese text has ('ð',
# 'Š'), a symbol ('#', '⁄') or a lone bracket is ink read as text (initials written by hand, a seal's edge)
_VI_LETTERS = set("abcdefghijklmnopqrstuvwxyzđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")


def _ink_token(t: str) -> bool:
    """A token of the filing line that is no printed text (see _VI_LETTERS above)."""
    if any(c.isalpha() and c.lower() not in _VI_LETTERS for c in t):
        return True
    return bool(re.search(r"[^\w().,;:/&_+\[\]–—“”-]", t)) or t in ("(", ")")


# units that print their number after them in a filing line ('Lưu: VT, Đội 2', 'Phòng 1'): that number is print
_NUMBERED_UNITS = frozenset(("doi", "phong", "to", "ban", "khoa", "nhom", "vu", "cuc", "kho", "tram", "khu",
                             "xuong", "nha", "so", "phan", "lop"))


def _luu_tail(item: str) -> str:
    """The filing line ends where the page's ink stops being print: from the first token that is no printed
    text on, and a bare number at its end ('… (2b). Hải 46': a count is printed in brackets), is left out —
    never guessed."""
    if not re.match(r"luu\b", fold(item)):
        return item
    toks = item.split()
    cut = next((k for k, t in enumerate(toks) if k >= 2 and _ink_token(t)), len(toks))
    code = re.match(r"[A-ZĐ]{2,}[A-ZĐ0-9]*", toks[cut]) if cut < len(toks) else None
    toks = toks[:cut] + ([code.group()] if code else [])  # a code with ink over its end: 'TTPVHCC@)' → TTPVHCC
    if len(toks) > 2 and toks[-1].isdigit() and fold(toks[-2]) not in _NUMBERED_UNITS:
        toks.pop()
    return re.sub(r"[;,.]+$", "", " ".join(toks)).strip()


def _fix_luu(item: str) -> str:
    """The filing line is a comma list that opens with VT (văn thư): OCR's 'Lưu: VI; KHTC' or 'VỊ' → 'Lưu: VT, KHTC'."""
    # OCR's 'Lâu: VT', 'Liru: VT' (ư read as 'ir'): a short L-word before ': VT' is the filing line's 'Lưu' too
    m = re.match(r"(luu\b|l[a-z]{1,3}(?=\s*:\s*v[tiíìỉĩị1l|]\b))\s*:?\s*", fold(item))
    if not m:
        return item
    head, body = item[:m.end()], item[m.end():]
    if m.group(1) != "luu":
        head = "Lưu: "
    # 'VT,' read as 'VŨ' (T and comma as one letter), which restoration makes 'VÀ', or as 'VL', 'VF', 'VỀ'; 'VTj':
    # a speck after VT (not 'VP', 'VX': codes of their own)
    body = re.sub(r"^(?:V[IỊÍÌỈĨ1l|ŨÀUÙÚỦỤALFEÊÉÈẺẼẸẾỀỂỄỆ]|VT[a-z])(?=[\s,;.]|$)", "VT", body)
    body = re.sub(r"^VT\s+(?=[A-ZĐ])", "VT, ", body)  # the comma after VT that OCR lost: 'Lưu: VT KHTC'
    # a comma read as a dot before the next unit's code ('Lưu VT. PA05'); a drafter's name after a dot stays
    body = re.sub(r"^VT\.\s+(?=[A-ZĐ][A-ZĐ0-9]+(?![a-zà-ỹ]))", "VT, ", body)  # 'VT.KT15/11' is print
    # a unit code whose small letters are ones that only differ from capitals in size (c, s, v, w, x, z) and that
    # has no vowel (so no drafter's name: 'HDiem', 'Loan'): 'Cs' → 'CS'; 'KTr2' keeps its r
    body = re.sub(r"\b[A-ZĐ][A-ZĐcsvwxz]*[csvwxz][A-ZĐcsvwxz0-9]*\b",
                  lambda t: t.group().upper() if not re.search(r"[aeiouy]", fold(t.group())) else t.group(), body)
    return head + re.sub(r"\s*;\s+", ", ", body)


def _code_key(s: str) -> str:
    return s.upper().replace("1", "I").replace("0", "O")


def match_codes(item: str, codes: list[str]) -> str:
    """The filing line names the drafting unit by the code the number carries ('5615/CT-CS' … 'Lưu: VT, CS'):
    a token of it that differs from such a code only by case or by 1/I, 0/O ('Cs', 'QLDNI') is written as in
    the number, which is printed larger and read better."""
    if not re.match(r"luu\b", fold(item)):
        return item
    codes = [c for c in codes if len(c) >= 2]

    def fix(m: re.Match) -> str:
        tok = m.group()
        return next((c for c in codes if c != tok and _code_key(c) == _code_key(tok)), tok)

    return re.sub(r"[A-Za-zĐđ0-9]{2,}", fix, item)


def parse_addressees(text: str) -> list[str]:
    """Entries of "Kính gửi:" (one line or a "- " list)."""
    lines = text.replace("\f", "\n").split("\n")
    for i, line in enumerate(lines[:80]):
        f = fold(line)
        m = KINH_GUI_RE.match(f)
        if not m and fold_line(line) == "kinh" and i + 1 < len(lines) and fold_line(lines[i + 1]).startswith("gui"):
            line = line.strip() + " " + lines[i + 1].strip()
            lines = lines[:i] + [line] + lines[i + 2:]
            f = fold(line)
            m = KINH_GUI_RE.match(f)
        if not m:
            continue
        rest = line[m.end():].strip()
        if rest.startswith(_BULLETS[:4]):
            # 'Kính gửi: - Lãnh đạo UBND tỉnh;' / '- Lãnh đạo Văn phòng …': a list whose first item shares the line
            return _list_items([rest] + lines[i + 1:], 0, stop_at_caps=False)
        if rest:
            out = [rest]
            # wrapped single addressee: "Kính gửi: Thuế" + "tỉnh Gia Lai."
            k = i + 1
            while k < len(lines) and not out[-1].endswith((".", ";")) and lines[k].strip() and \
                    len(lines[k]) < 120 and lines[k].strip()[:1].islower():
                out[-1] += " " + lines[k].strip()
                k += 1
            return [re.sub(r"[;,.]+$", "", o).strip() for o in out]
        return _list_items(lines, i + 1, stop_at_caps=False)
    return []
