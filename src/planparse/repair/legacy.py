"""Legacy Vietnamese font encodings seen as mojibake: TCVN3 (ABC, .VnTime) and VNI (VNI-Times).

A document typed in such a font and copied out as "Unicode" shows Latin-1 lookalikes: TCVN3 puts each
Vietnamese letter on one code ("cña" = "của", "ngµy" = "ngày", "KÕ ho¹ch" = "Kế hoạch"); VNI writes a
base letter followed by a mark code ("chaøo" = "chào"). The tables are the published layouts of the
two encodings, written out here.
"""
from __future__ import annotations

import re
import unicodedata

# TCVN3 (TCVN 5712:1993, VN3): code -> Unicode letter (lower case; the capitals of the H fonts share codes)
TCVN3 = {
    "µ": "à", "¸": "á", "¶": "ả", "·": "ã", "¹": "ạ",
    "¨": "ă", "»": "ằ", "¾": "ắ", "¼": "ẳ", "½": "ẵ", "Æ": "ặ",
    "©": "â", "Ç": "ầ", "Ê": "ấ", "È": "ẩ", "É": "ẫ", "Ë": "ậ",
    "®": "đ",
    "Ì": "è", "Ð": "é", "Î": "ẻ", "Ï": "ẽ", "Ñ": "ẹ",
    "ª": "ê", "Ò": "ề", "Õ": "ế", "Ó": "ể", "Ô": "ễ", "Ö": "ệ",
    "×": "ì", "Ý": "í", "Ø": "ỉ", "Ü": "ĩ", "Þ": "ị",
    "ß": "ò", "ã": "ó", "á": "ỏ", "â": "õ", "ä": "ọ",
    "«": "ô", "å": "ồ", "è": "ố", "æ": "ổ", "ç": "ỗ", "é": "ộ",
    "¬": "ơ", "ê": "ờ", "í": "ớ", "ë": "ở", "ì": "ỡ", "î": "ợ",
    "ï": "ù", "ó": "ú", "ñ": "ủ", "ò": "ũ", "ô": "ụ",
    "\u00ad": "ư", "õ": "ừ", "ø": "ứ", "ö": "ử", "÷": "ữ", "ù": "ự",
    "ú": "ỳ", "ý": "ý", "û": "ỷ", "ü": "ỹ", "þ": "ỵ",
    "¡": "Ă", "¢": "Â", "§": "Đ", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư",
}

# VNI: base letter + mark code. Marks after a plain vowel:
_VNI_TONE = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323",
             "Ù": "\u0301", "Ø": "\u0300", "Û": "\u0309", "Õ": "\u0303", "Ï": "\u0323"}
# circumflex (â) and breve (ê) codes, alone or carrying a tone
_VNI_CIRC = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323",
             "Â": "", "Á": "\u0301", "À": "\u0300", "Å": "\u0309", "Ã": "\u0303", "Ä": "\u0323"}
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323",
              "Ê": "", "É": "\u0301", "È": "\u0300", "Ú": "\u0309", "Ü": "\u0303", "Ë": "\u0323"}
# single codes: ơ, ư, đ and the i/y letters VNI stores whole
_VNI_SINGLE = {"ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ",
               "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị",
               "î": "ỵ", "Î": "Ỵ"}


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


def _vni_table() -> dict[str, str]:
    t: dict[str, str] = {}
    for v in "aeiouyAEIOUY":
        for code, mark in _VNI_TONE.items():
            if code.isupper() == v.isupper():
                t[v + code] = _compose(v, mark)
    for v in "aeoAEO":
        for code, mark in _VNI_CIRC.items():
            if code.isupper() == v.isupper():
                t[v + code] = _compose(v, "\u0302", mark)
    for v in "aA":
        for code, mark in _VNI_BREVE.items():
            if code.isupper() == v.isupper():
                t[v + code] = _compose(v, "\u0306", mark)
    for horn, ch in (("ô", "ơ"), ("Ô", "Ơ"), ("ö", "ư"), ("Ö", "Ư")):
        for code, mark in _VNI_TONE.items():
            if code.isupper() == horn.isupper():
                t[horn + code] = _compose(ch, mark)
    t.update(_VNI_SINGLE)
    return t


VNI = _vni_table()
_VNI_RE = re.compile("|".join(re.escape(k) for k in sorted(VNI, key=len, reverse=True)))
_TCVN3_RE = re.compile("[" + "".join(re.escape(k) for k in TCVN3) + "]")
VIETNAMESE_LETTERS = set("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
                         "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ")
TCVN3_SIGNS = set(TCVN3) - VIETNAMESE_LETTERS  # codes no Vietnamese word contains: a word with one is TCVN3
VNI_SIGNS = {"ø", "û", "ï", "ö", "ñ", "Ø", "Û", "Ï", "Ö", "Ñ"}


def decode_tcvn3(text: str) -> str:
    return _TCVN3_RE.sub(lambda m: TCVN3[m.group(0)], text)


def decode_vni(text: str) -> str:
    return _VNI_RE.sub(lambda m: VNI[m.group(0)], text)


def encode_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 mojibake (capitals with marks have no code of their own: written lower case)."""
    inv = {v: k for k, v in TCVN3.items()}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in inv:
            out.append(inv[ch])
        elif ch.lower() in inv and ch.lower() != ch:
            out.append(inv[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def encode_vni(text: str) -> str:
    inv: dict[str, str] = {}
    for k, v in VNI.items():
        if v not in inv or len(k) < len(inv[v]):
            inv[v] = k
    return "".join(inv.get(ch, ch) for ch in unicodedata.normalize("NFC", text))
