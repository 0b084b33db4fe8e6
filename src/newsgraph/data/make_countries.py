"""Build ``countries.json``, the country gazetteer, from pycountry, babel and states_fr.tsv.

Run ``python -m newsgraph.data.make_countries`` after upgrading pycountry or babel, or
after editing ``states_fr.tsv``; the result is committed so that newsgraph needs neither
library at run time.

Sources
-------
- ISO 3166-1 codes, English names and French names: pycountry (its iso3166-1 gettext
  catalogues, from Debian's iso-codes).
- French and English short names: babel (Unicode CLDR territory names).
- Capitals, demonyms and press names: ``states_fr.tsv`` (its header names its source).
- Seats of government used for their state ("le Kremlin"): ``seats_fr.tsv``.
- States that no longer exist (ISO 3166-3): ``historic_fr.tsv``.
"""
from __future__ import annotations

import csv
import gettext
import json
import re
from collections.abc import Mapping
from pathlib import Path

HERE = Path(__file__).resolve().parent


def uninvert(name: str) -> str:
    """Turn the catalogue order "Russie, Fédération de" into running text.

    >>> uninvert("Russie, Fédération de")
    'Fédération de Russie'
    >>> uninvert("Iran, République islamique d'")
    "République islamique d'Iran"
    >>> uninvert("Mali")
    'Mali'
    """
    if ", " not in name:
        return name
    head, tail = name.split(", ", 1)
    return f"{tail}{head}" if tail.endswith("'") else f"{tail} {head}"


def split_variants(name: str) -> list[str]:
    """Split "Myanmar (Birmanie)" into its two names.

    >>> split_variants("Myanmar (Birmanie)")
    ['Myanmar', 'Birmanie']
    """
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    return [m.group(1), m.group(2)] if m else [name]


def feminine(masc: str) -> str:
    """The feminine of a regular French demonym.

    >>> [feminine(w) for w in ("malien", "français", "russe", "américain", "sénégalais")]
    ['malienne', 'française', 'russe', 'américaine', 'sénégalaise']
    """
    if masc.endswith("e"):
        return masc
    if masc.endswith("en"):
        return masc + "ne"
    return masc + "e"


def plural(word: str) -> str:
    """The plural of a French demonym.

    >>> [plural(w) for w in ("malien", "français", "malienne", "ouzbek")]
    ['maliens', 'français', 'maliennes', 'ouzbeks']
    """
    if word.endswith(("s", "x", "z")):
        return word
    if word.endswith("al"):
        return word[:-2] + "aux"
    return word + "s"


def demonym_forms(masc: str, fem: str = "") -> list[str]:
    """All four forms of a demonym, masculine and feminine, singular and plural.

    >>> demonym_forms("malien")
    ['malien', 'malienne', 'maliens', 'maliennes']
    >>> demonym_forms("grec", "grecque")
    ['grec', 'grecque', 'grecs', 'grecques']
    """
    fem = fem or feminine(masc)
    forms = [masc, fem, plural(masc), plural(fem)]
    return list(dict.fromkeys(forms))


def _tsv(name: str) -> list[dict[str, str]]:
    """The rows of a TSV file of this folder, ``#`` comment lines left out."""
    with open(HERE / name, encoding="utf-8") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


def _country(c, fr, cldr_fr: Mapping, cldr_en: Mapping, row: dict[str, str] | None) -> dict:
    """The entry of one pycountry country, with what ``states_fr.tsv`` says of it (``row``)."""
    en_names = [c.name, getattr(c, "official_name", None), getattr(c, "common_name", None),
                cldr_en.get(c.alpha_2)]
    fr_names = [fr.gettext(c.name)]
    if getattr(c, "official_name", None):
        fr_names.append(fr.gettext(c.official_name))
    fr_names.extend(split_variants(cldr_fr.get(c.alpha_2, "")))
    if row and row["aliases"]:
        fr_names.extend(row["aliases"].split("|"))
    fr_names = [uninvert(n.replace("’", "'")) for n in fr_names if n]
    en_names = [v for n in en_names if n for v in split_variants(uninvert(n))]
    iso_fr = fr.gettext(c.name)
    name_fr = iso_fr if "," not in iso_fr else cldr_fr.get(c.alpha_2, uninvert(iso_fr))
    name_fr = split_variants(name_fr.replace("’", "'"))[0]
    return {
        "iso2": c.alpha_2,
        "iso3": c.alpha_3,
        "name_fr": name_fr,
        "name_en": getattr(c, "common_name", None) or cldr_en.get(c.alpha_2) or c.name,
        "names_fr": list(dict.fromkeys(fr_names)),
        "names_en": list(dict.fromkeys(en_names)),
        "state": row is not None,
        "capitals": row["capital"].split("|") if row else [],
        "demonyms_fr": demonym_forms(row["demonym"], row["demonym_f"]) if row else [],
    }


def _historic(row: dict[str, str]) -> dict:
    """The entry of a state of ``historic_fr.tsv``."""
    return {"iso2": row["code"], "iso3": row["iso3"], "name_fr": row["name"], "name_en": row["name"],
            "names_fr": [row["name"], *[a for a in row["aliases"].split("|") if a]],
            "names_en": [], "state": True, "historic": True, "capitals": [], "seats": [],
            "demonyms_fr": demonym_forms(row["demonym"]) if row["demonym"] else []}


def main() -> None:
    import pycountry
    from babel import Locale

    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    cldr_fr, cldr_en = Locale("fr").territories, Locale("en").territories
    extra = {row["iso2"]: row for row in _tsv("states_fr.tsv")}
    out = [_country(c, fr, cldr_fr, cldr_en, extra.get(c.alpha_2)) for c in pycountry.countries]
    seats = {row["iso2"]: row["seats"].split("|") for row in _tsv("seats_fr.tsv")}
    for c in out:
        c["seats"] = seats.get(c["iso2"], [])
    out.extend(_historic(row) for row in _tsv("historic_fr.tsv"))
    missing = set(extra) - {c["iso2"] for c in out}
    if missing:
        raise SystemExit(f"states_fr.tsv has codes pycountry does not know: {sorted(missing)}")
    payload = {
        "source": "pycountry %s (ISO 3166-1, iso-codes translations), babel %s (CLDR), "
                  "states_fr.tsv, seats_fr.tsv, historic_fr.tsv" % (pycountry.__version__ if hasattr(pycountry, "__version__") else "",
                                     __import__("babel").__version__),
        "countries": out,
    }
    (HERE / "countries.json").write_text(json.dumps(payload, ensure_ascii=False, indent=0) + "\n",
                                         encoding="utf-8")
    print(f"wrote {len(out)} countries to {HERE / 'countries.json'}")


if __name__ == "__main__":
    main()
