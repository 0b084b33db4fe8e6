"""Build the Wikidata links of the gazetteers: ``wikidata_countries.tsv`` (ISO 3166-1
alpha-2 code -> Wikidata item) and the ``qid`` column of ``organizations.tsv``.

    python -m newsgraph.data.make_wikidata COUNTRIES.csv BODIES.md

The results are committed, so newsgraph reads no network and neither source at run time.
Wikidata's items are CC0; the two tables they are read from:

- ``COUNTRIES.csv``: Our World in Data's countries and regions table (``code, name,
  iso_alpha2, ..., wikidata_uri, ...``), as ``countriesRegionsCsv`` in
  ``packages/@ourworldindata/grapher/src/mapCharts/CountriesRegions.ts`` of
  github.com/owid/owid-grapher at commit c7402d12e25bd1d45f5bd7d66cfc083342a1ed96
  (2022-11-19, when that repository was under the MIT licence). The TypeScript file may
  be given as it is: the table between its backquotes is read.
- ``BODIES.md``: ``dist/ALL_BODIES.md`` of github.com/confirmordeny/supraverden at commit
  59ab4fa0f92f3c75bb45e230908e612f15e8dbdf (CC BY-SA 4.0), a table of 617
  intergovernmental organisations with their Wikidata items, matched on the English
  name (:data:`ENGLISH_NAMES` where the two spell it differently). Organisations it
  does not list keep an empty ``qid``.
"""
from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
QID = re.compile(r"Q[1-9][0-9]*")
#: organizations.tsv's English name -> the name supraverden gives the same body
ENGLISH_NAMES = {
    "North Atlantic Treaty Organization": "North Atlantic Treaty Organisation",
    "World Food Programme": "United Nations World Food Programme",
    "United Nations High Commissioner for Refugees": "Office of the United Nations High Commissioner for Refugees",
    "Gulf Cooperation Council": "Cooperation Council for the Arab States of the Gulf",
}
COUNTRIES_HEADER = """\
# ISO 3166-1 alpha-2 code -> Wikidata item of the country, for owl:sameAs links.
# Source: Wikidata (CC0), as Our World in Data's countries and regions table gives it
# (github.com/owid/owid-grapher, CountriesRegions.ts, commit c7402d12e25b, 2022-11-19,
# MIT licence then). Made by `python -m newsgraph.data.make_wikidata`; do not edit by hand.
"""


def owid_rows(text: str) -> list[dict[str, str]]:
    """The rows of OWID's table, from the CSV or the TypeScript file that holds it.

    >>> owid_rows('export const t = `code,iso_alpha2,wikidata_uri\\nMLI,ML,http://www.wikidata.org/entity/Q912\\n`')
    [{'code': 'MLI', 'iso_alpha2': 'ML', 'wikidata_uri': 'http://www.wikidata.org/entity/Q912'}]
    """
    if "`" in text:
        text = text.split("`")[1]
    return list(csv.DictReader(io.StringIO(text)))


def country_qids(rows: list[dict[str, str]]) -> dict[str, str]:
    """ISO alpha-2 code -> QID, for the rows that have both.

    >>> country_qids([{"iso_alpha2": "ML", "wikidata_uri": "http://www.wikidata.org/entity/Q912"},
    ...               {"iso_alpha2": "", "wikidata_uri": ""}])
    {'ML': 'Q912'}
    """
    out = {}
    for r in rows:
        iso, uri = (r.get("iso_alpha2") or "").strip(), (r.get("wikidata_uri") or "").strip()
        qid = uri.rsplit("/", 1)[-1]
        if re.fullmatch(r"[A-Z]{2}", iso) and QID.fullmatch(qid):
            out[iso] = qid
    return dict(sorted(out.items()))


def body_qids(markdown: str) -> dict[str, str]:
    """English name -> QID from supraverden's markdown table.

    >>> body_qids("| African Union | [Q7159](https://www.wikidata.org/wiki/Q7159) | x |\\n| Foo | N/A | y |")
    {'African Union': 'Q7159'}
    """
    out = {}
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2:
            m = re.match(r"\[(Q[1-9][0-9]*)\]", cells[1])
            if m:
                out[cells[0]] = m.group(1)
    return out


def with_qids(tsv: str, qids: dict[str, str]) -> str:
    """organizations.tsv with its ``qid`` column filled (added when missing)."""
    lines = tsv.splitlines()
    out = []
    for line in lines:
        if line.startswith("#") or not line.strip():
            out.append(line)
            continue
        cells = line.split("\t")
        if cells[0] == "key":
            header = cells if "qid" in cells else cells + ["qid"]
            out.append("\t".join(header))
            continue
        row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
        row["qid"] = qids.get(ENGLISH_NAMES.get(row["name_en"], row["name_en"]), row.get("qid", ""))
        out.append("\t".join(row[h] for h in header))
    return "\n".join(out) + "\n"


def main(countries: str, bodies: str) -> None:
    table = country_qids(owid_rows(Path(countries).read_text(encoding="utf-8")))
    (HERE / "wikidata_countries.tsv").write_text(
        COUNTRIES_HEADER + "iso2\tqid\n" + "".join(f"{k}\t{v}\n" for k, v in table.items()), encoding="utf-8")
    orgs = HERE / "organizations.tsv"
    orgs.write_text(with_qids(orgs.read_text(encoding="utf-8"), body_qids(Path(bodies).read_text(encoding="utf-8"))),
                    encoding="utf-8")
    print(f"{len(table)} countries; organisations with a qid written to {orgs}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
