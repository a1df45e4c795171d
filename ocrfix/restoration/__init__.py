"""Vietnamese text restoration: diacritics and OCR confusions, decoded with a syllable trigram LM.

>>> from ocrfix.restoration import restore
>>> restore("Ket qua thuc hien Quy che phat ngon")   # doctest: +SKIP
'Kết quả thực hiện Quy chế phát ngôn'
"""
from __future__ import annotations

from .choices import TokenChoice, apply_choices
from .models import candidate_index, model_version
from .profiles import detect_profile
from .restorer import restore, restore_document, restore_tokens

__all__ = ["TokenChoice", "apply_choices", "candidate_index", "detect_profile", "model_version", "restore",
           "restore_document", "restore_tokens"]
