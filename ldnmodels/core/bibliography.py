"""The kit's one bibliography, ``ldnmodels/data/references.bib``, read without a BibTeX library.

The provenance tables (:mod:`ldnmodels.core.sources`), the README's reference list and the course book's reference
page all come from this file.

>>> entry("lee_1988").short
'Lee et al. 1988'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Reference", "references", "entry", "short_citation", "reference_list_markdown"]

_ENTRY = re.compile(r"@(\w+)\{([^,\s]+),(.*?)\n\}", re.S)
_FIELD = re.compile(r"^\s*(\w+)\s*=\s*\{(.*)\},?\s*$")


@dataclass(frozen=True)
class Reference:
    """One bibliography entry: its key and the fields the kit uses."""

    key: str
    kind: str
    fields: dict

    @property
    def authors(self) -> list[str]:
        text = self.fields.get("author", "")
        return [name.strip().strip("{}") for name in text.split(" and ") if name.strip()]

    @property
    def short(self) -> str:
        """Author-year form: ``Lee et al. 1988``, ``Younger & Mackey 2009``, ``Swissmedic``."""
        names = [name.split(",")[0].strip() for name in self.authors if name != "others"]
        if not names:
            who = _plain(self.fields.get("journal", self.key))
        elif len(names) == 1 and "others" not in self.authors:
            who = names[0]
        elif len(names) == 2 and "others" not in self.authors:
            who = f"{names[0]} & {names[1]}"
        else:
            who = f"{names[0]} et al."
        year = self.fields.get("year")
        return f"{who} {year}" if year else who

    @property
    def full(self) -> str:
        """One line in the README's style: authors (year) title. *Journal* volume:pages. Note."""
        authors = ", ".join(a for a in self.authors if a != "others") + (" et al." if "others" in self.authors else "")
        parts = [f"{authors} ({self.fields['year']})" if "year" in self.fields else authors,
                 _plain(self.fields.get("title", "")) + "."]
        if "journal" in self.fields:
            where = f"*{_plain(self.fields['journal'])}*"
            if "volume" in self.fields:
                where += f" {self.fields['volume']}"
                if "number" in self.fields:
                    where += f"({self.fields['number']})"
            if "pages" in self.fields:
                where += f":{self.fields['pages'].replace('--', '–')}"
            parts.append(where + ".")
        if "note" in self.fields:
            note = _plain(self.fields["note"])
            parts.append(note[:1].upper() + note[1:] + ".")
        return " ".join(part for part in parts if part.strip(". "))


def _plain(text: str) -> str:
    return text.replace("{", "").replace("}", "")


@lru_cache(maxsize=1)
def references() -> dict[str, Reference]:
    """Every entry of the bibliography, by key, in file order."""
    text = resources.files("ldnmodels.data").joinpath("references.bib").read_text(encoding="utf-8")
    found = {}
    for kind, key, body in _ENTRY.findall(text):
        fields = {}
        for line in body.splitlines():
            match = _FIELD.match(line)
            if match:
                fields[match.group(1).lower()] = match.group(2)
        found[key] = Reference(key, kind.lower(), fields)
    return found


def entry(key: str) -> Reference:
    """The entry ``key``; a ``KeyError`` naming the known keys' file if it is not there."""
    try:
        return references()[key]
    except KeyError:
        raise KeyError(f"unknown reference {key!r}; add it to ldnmodels/data/references.bib") from None


def short_citation(keys: tuple[str, ...]) -> str:
    """``Lee et al. 1988; Rabiner et al. 2011`` for a tuple of keys ('' for none)."""
    return "; ".join(entry(key).short for key in keys)


def reference_list_markdown() -> str:
    """The whole bibliography as a Markdown list, sorted by first author (the README's reference section)."""
    ordered = sorted(references().values(), key=lambda ref: (ref.short.lower(), ref.key))
    return "\n".join(f"- {ref.full}" for ref in ordered)
