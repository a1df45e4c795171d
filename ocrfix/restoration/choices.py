"""What restoration decided per token, and the text with those decisions applied."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class TokenChoice:
    """One word token: what came in, what went out, the alternatives and how sure we are."""

    start: int
    end: int
    text: str
    output: str
    confidence: float = 1.0
    alternatives: list[tuple[str, float]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.output != self.text

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "output": self.output,
                "changed": self.changed, "confidence": round(self.confidence, 4),
                "alternatives": [[f, round(p, 4)] for f, p in self.alternatives]}


def apply_choices(text: str, choices: list[TokenChoice]) -> str:
    """`text` with each choice's span replaced by its output (choices sorted, not overlapping)."""
    parts, pos = [], 0
    for c in choices:
        parts.append(text[pos:c.start])
        parts.append(c.output)
        pos = c.end
    parts.append(text[pos:])
    return "".join(parts)
