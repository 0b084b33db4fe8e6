"""Property tests of the readers (issue 13): whatever a JSONL or text file holds
(arbitrary Unicode, control characters, odd ids, fields of any JSON type), a build never
ends in an internal error, every input line is accounted for in the manifest exactly
once, and every file written parses and agrees with the others."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.cli import main

FRENCH = ["Le Mali a rappelé son ambassadeur à Paris.", "La CEDEAO a suspendu le Niger de ses instances.",
          "Le président sénégalais a reçu son homologue mauritanien à Dakar."]
#: Any character, control characters and lone surrogates included.
ANY = st.text(st.characters(blacklist_categories=()), max_size=40)
french = st.sampled_from(FRENCH)
text = st.one_of(french, ANY, st.builds("".join, st.lists(st.one_of(french, ANY), min_size=1, max_size=3)))
json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | ANY,
                          lambda inner: st.lists(inner, max_size=2) | st.dictionaries(ANY, inner, max_size=2),
                          max_leaves=4)
field = {
    "id": st.one_of(ANY, st.integers(-1, 3), st.booleans(), st.none(), json_value),
    "text": st.one_of(text, text, text, json_value),
    "title": st.one_of(text, st.none(), json_value),
    "dct": st.one_of(st.sampled_from(["2022", "2022-03", "2022-03-01", "2022-13-45", "2022-02-30", "hier"]),
                     st.dates().map(str), st.integers(), ANY, st.none()),
    "url": st.one_of(st.just("https://ex.org/a"), ANY, json_value),
    "lang": st.one_of(st.sampled_from(["fr", "fr-FR", "en", "ar"]), ANY, json_value),
}
line = st.one_of(
    st.fixed_dictionaries({"text": field["text"]}, optional={k: v for k, v in field.items() if k != "text"})
    .map(json.dumps),
    st.fixed_dictionaries({"text": text}, optional={"id": field["id"]})
    .map(lambda o: json.dumps(o, ensure_ascii=False)),
    ANY.map(lambda s: s.replace("\n", " ")),
)


def entries_by_path(out: Path) -> dict[str, list[dict]]:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    by_path: dict[str, list[dict]] = {}
    for entry in manifest["inputs"]:
        by_path.setdefault(entry["path"], []).append(entry)
    return by_path


@settings(max_examples=30, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(lines=st.lists(line, min_size=1, max_size=3), ending=st.sampled_from(["\n", "\r\n"]), txt=text)
def test_every_input_line_is_accounted_for_once_and_never_an_internal_error(lines, ending, txt):
    from newsgraph.export.validate import check_folder

    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        src.mkdir()
        jsonl = src / "lot.jsonl"
        jsonl.write_bytes(ending.join(lines).encode("utf-8", "surrogatepass"))
        article = src / "article.txt"
        article.write_bytes(txt.encode("utf-8", "surrogatepass"))
        code = main(["build", str(src), "--out", str(out), "-q"])
        assert code in (0, 1)
        by_path = entries_by_path(out)
        expected = {f"{jsonl}:{n}" for n, x in enumerate(ending.join(lines).split("\n"), 1) if x.strip(" \t\r")}
        whole_file = by_path.pop(str(jsonl), [])  # the file itself fails when it is not UTF-8
        if whole_file:
            assert len(whole_file) == 1 and "[E003]" in whole_file[0]["reason"]
            expected = set()
        assert len(by_path.pop(str(article), [])) == 1
        assert set(by_path) == expected and all(len(v) == 1 for v in by_path.values()), by_path
        assert check_folder(out) == []
