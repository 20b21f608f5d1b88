"""Reading a typed answer as people write numbers: ``84,000``, ``84 000``, ``3,5``, ``1/64``, ``50 %``, ``07:30``.

Each reading says how the text was read when it was not a plain number, so that a check box can show it ("read as
84 000"). A text that two conventions read differently (``1,234``: a thousand and more, or a little over one) gives
both readings; :func:`.checking.check` then takes the one that is right, if one is, saying how it read it, and
otherwise asks which was meant unless both get the same verdict.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Reading", "read_answer", "shown"]

#: Characters people put between digit groups besides commas and dots: spaces of every width and apostrophes (Swiss).
_GROUP_SPACES = "\u00a0\u2007\u2009\u202f'\u2019"
_NUMBER = re.compile(r"(?P<sign>[+-]?)\s*(?P<body>\d[\d .,]*\d|\d|[.,]\d+)(?P<rest>.*)", re.S)
_DENOMINATOR = re.compile(r"\s*/\s*(?P<body>\d+(?:[.,]\d+)?)(?P<rest>.*)", re.S)
_SCIENTIFIC = re.compile(r"(?P<number>[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+)(?P<rest>\D*)", re.S)
_CLOCK = re.compile(r"(\d{1,2})[:h](\d{2})")
_EXAMPLES = "such as 0.25, 12, 84 000, 3,5 or 1/64"


@dataclass(frozen=True)
class Reading:
    """One way of reading a typed answer.

    Attributes
    ----------
    value : float
        The number read (a percentage as typed: ``50 %`` reads 50 with ``percent`` set).
    how : str
        How the text was read, in the kit's style (``"84 000"``, ``"1/64 = 0.01562"``); empty for a plain number.
    percent : bool
        Whether the number was typed with a ``%`` sign.
    """

    value: float
    how: str = ""
    percent: bool = False


def shown(value: float) -> str:
    """A number as the kit writes it: thousands grouped with a space (``84 000``), otherwise 4 significant digits.

    Parameters
    ----------
    value : float
        Any finite number.

    Returns
    -------
    str
        ``"84 000"``, ``"3.5"``, ``"0.01562"``.
    """
    if abs(value) >= 1000:
        return f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", " ")
    return f"{value:.4g}"


def read_answer(text: str) -> tuple[Reading, ...]:
    """The ways of reading what a student typed as a number.

    Parameters
    ----------
    text : str
        The typed answer: a number with an optional trailing unit (``"2 h"``, ``"15 %"``); thousands grouped with
        commas, dots, spaces (thin or not) or apostrophes; a decimal comma; a simple fraction (``"1/64"``); powers
        of ten (``"1e3"``); or a time of day (``"07:30"``, ``"7h30"``: hours from midnight).

    Returns
    -------
    tuple of Reading
        One reading, or two (thousands first) when the text is ambiguous: ``"1,234"``. A single point is always a
        decimal point, as the kit writes numbers (``"3.000"`` is 3); several group thousands (``"1.234.567"``).

    Raises
    ------
    ValueError
        If no number can be read from ``text``, saying what would be read.
    """
    cleaned = text.strip().replace("\u2212", "-")
    for space in _GROUP_SPACES:
        cleaned = cleaned.replace(space, " ")
    cleaned = cleaned.lstrip("~≈").strip()
    clock = _CLOCK.fullmatch(cleaned)
    if clock:  # a time of day: hours from midnight
        hours = int(clock.group(1)) + int(clock.group(2)) / 60.0
        return (Reading(hours, f"{cleaned} = {shown(hours)} h after midnight"),)
    scientific = _SCIENTIFIC.fullmatch(cleaned)
    if scientific:  # "1e3", "2.5E-4"
        value = float(scientific["number"])
        return (Reading(value, shown(value), scientific["rest"].strip().startswith("%")),)
    match = _NUMBER.fullmatch(cleaned)
    if not match:
        raise ValueError(f"answer must be a number {_EXAMPLES}, got {text!r}")
    sign = -1.0 if match["sign"] == "-" else 1.0
    numerators = _readings_of(match["body"], text)
    rest = match["rest"]
    fraction = _DENOMINATOR.fullmatch(rest)
    if fraction:
        denominators = _readings_of(fraction["body"], text)
        rest = fraction["rest"]
        if any(d.value == 0 for d in denominators):
            raise ValueError(f"answer must not divide by zero, got {text!r}")
        readings = tuple(Reading(sign * n.value / d.value, f"{cleaned.split('/')[0].strip()}/{fraction['body']} = "
                                 f"{shown(sign * n.value / d.value)}") for n in numerators for d in denominators)
    else:
        readings = tuple(Reading(sign * n.value, n.how and shown(sign * n.value)) for n in numerators)
    if re.search(r"\d", rest):
        raise ValueError(f"answer must be one number {_EXAMPLES}, got {text!r}")
    percent = rest.strip().startswith("%")
    return tuple(Reading(r.value, r.how, percent) for r in readings)


def _readings_of(body: str, text: str) -> tuple[Reading, ...]:
    """Readings of an unsigned run of digits and separators (``"84,000"``, ``"3,5"``, ``"1 234.5"``)."""
    if re.fullmatch(r"\d+(\.\d+)?|\.\d+", body):
        return (Reading(float(body)),)
    if "." in body and "," in body:  # the last mark is the decimal one, the other groups thousands
        decimal = "." if body.rfind(".") > body.rfind(",") else ","
        whole, _, fraction = body.rpartition(decimal)
        return (_grouped(whole, fraction, text),)
    groups = re.split(r"[ .,]", body)
    marks = set(re.findall(r"[ .,]", body))
    if marks == {","} and len(groups) == 2:
        whole, fraction = groups
        as_decimal = Reading(float(f"{whole}.{fraction}"), shown(float(f"{whole}.{fraction}")))
        if len(fraction) != 3 or whole.startswith("0"):
            return (as_decimal,)  # "3,5", "0,125": a decimal comma; thousands come in threes after a non-zero
        return (_grouped(whole + "," + fraction, "", text), as_decimal)  # "84,000", "1,234": either
    if marks == {" ", ","} and body.count(",") == 1:
        whole, _, fraction = body.rpartition(",")
        return (_grouped(whole, fraction, text),)  # "84 000,5": spaces group, so the comma is a decimal one
    if "." in marks and body.count(".") == 1 and marks <= {".", " "}:
        whole, _, fraction = body.rpartition(".")
        return (_grouped(whole, fraction, text),)  # "84 000.5"
    return (_grouped(body, "", text),)


def _grouped(whole: str, fraction: str, text: str) -> Reading:
    groups = re.split(r"[ .,]", whole)
    if not (1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])):
        raise ValueError(f"answer must be a number {_EXAMPLES} (digits grouped in threes), got {text!r}")
    value = float("".join(groups) + ("." + fraction if fraction else ""))
    return Reading(value, shown(value))
