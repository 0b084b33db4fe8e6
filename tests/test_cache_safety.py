"""A cache that cannot run code (issue 21): JSON entries decoded by type, each signed with
the user's secret over its key and content, keys that are hex digests, and the default
cache in the user's cache folder, not in the build folder people share."""
from __future__ import annotations

import errno
import json
import os
import pickle
import stat
from pathlib import Path

import pytest

from newsgraph.cache import DocumentCache, check_key, record_codec, user_cache_dir
from newsgraph.cli import main
from newsgraph.codec import CodecError, encode

TEXT = "Titre\n\nLe président malien Assimi Goïta a reçu mardi à Bamako le ministre russe Sergueï Lavrov."


class Boom:
    """A pickle that runs code when loaded: it writes a file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "pwned"))


@pytest.fixture()
def built(tmp_path, nlp):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "in"), "--out", str(out), "-q"]) == 0
    return tmp_path / "in", out


def entries(folder: Path) -> list[Path]:
    return sorted((folder / "documents").rglob("*.json"))


def names(out: Path) -> list[str]:
    doc = json.loads((out / "documents.jsonl").read_text(encoding="utf-8"))
    return sorted(a["name"] for a in doc["actors"])


def test_the_default_cache_is_the_users_not_the_folders(built, own_user_cache):
    inputs, out = built
    assert not (out / ".newsgraph-cache").exists()
    assert [p.relative_to(out).as_posix() for p in out.rglob("*") if "cache" in p.name] == []
    assert own_user_cache == user_cache_dir() and len(entries(own_user_cache)) == 1
    assert stat.S_IMODE(own_user_cache.stat().st_mode) == 0o700
    assert stat.S_IMODE((own_user_cache / "secret").stat().st_mode) == 0o600
    entry = entries(own_user_cache)[0]
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    head, body = entry.read_bytes().split(b"\n", 1)
    assert json.loads(head)["key"] == entry.stem and json.loads(body)["article"]["id"] == "a"  # data, not code


def test_a_pickle_in_the_folder_or_the_cache_never_runs(built, own_user_cache, tmp_path, capsys):
    inputs, out = built
    marker = tmp_path / "pwned.txt"
    bomb = pickle.dumps({"article": Boom(marker), "record": None, "failure": None})
    old = out / ".newsgraph-cache" / "documents"  # where the cache was before: never read now
    old.mkdir(parents=True)
    for entry in entries(own_user_cache):
        (old / f"{entry.stem}.pickle").write_bytes(bomb)
        entry.write_bytes(bomb)  # and in place of the real entry
    assert main(["build", str(inputs), "--out", str(out), "-q"]) == 0
    assert "[E062]" in capsys.readouterr().err  # the entry is reported and the article parsed again
    (inputs / "b.txt").write_text(TEXT.replace("mardi", "jeudi"), encoding="utf-8")
    assert main(["build", "--add", str(inputs / "b.txt"), "--out", str(out), "-q"]) == 0
    assert not marker.exists()
    assert main(["validate", str(out)]) == 0


def _rewrite(entry: Path, change, sign=None) -> None:
    head, body = entry.read_bytes().split(b"\n", 1)
    meta, data = json.loads(head), json.loads(body)
    change(data)
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if sign is not None:
        meta["digest"] = sign(meta["key"], body)
    entry.write_bytes(json.dumps(meta).encode("ascii") + b"\n" + body)


def _rename_actor(data):
    data["record"]["actors"][0]["name"] = "Faux Nom"


@pytest.mark.parametrize("sign", ["kept", "sha256", "empty key"])
def test_an_altered_entry_is_ignored_and_its_article_parsed_again(built, own_user_cache, capsys, sign):
    import hashlib
    import hmac

    inputs, out = built
    good = names(out)
    signer = {"kept": None,
              "sha256": lambda key, body: hashlib.sha256(key.encode() + b"\n" + body).hexdigest(),
              "empty key": lambda key, body: hmac.new(b"", key.encode() + b"\n" + body, hashlib.sha256).hexdigest()}
    _rewrite(entries(own_user_cache)[0], _rename_actor, signer[sign])
    capsys.readouterr()
    assert main(["build", str(inputs), "--out", str(out), "-q"]) == 0
    assert "[E062]" in capsys.readouterr().err
    assert names(out) == good and "Faux Nom" not in names(out)


def test_an_entry_moved_under_another_key_is_ignored(built, own_user_cache, capsys):
    inputs, out = built
    (inputs / "b.txt").write_text(TEXT.replace("mardi", "jeudi"), encoding="utf-8")
    assert main(["build", str(inputs), "--out", str(out), "-q"]) == 0
    a, b = entries(own_user_cache)
    a_bytes = a.read_bytes()
    a.write_bytes(b.read_bytes())
    b.write_bytes(a_bytes)
    capsys.readouterr()
    assert main(["build", str(inputs), "--out", str(out), "-q"]) == 0
    assert capsys.readouterr().err.count("[E062]") == 2
    docs = [json.loads(x) for x in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert ["mardi" in d["text"] for d in docs] == [True, False]


def test_keys_are_hex_digests_only(tmp_path):
    cache = DocumentCache(tmp_path / "c")
    for key in ["../../x", "/etc/passwd", "a" * 63, "A" * 64, "g" * 64, "a" * 64 + "/..", None]:
        with pytest.raises(ValueError):
            check_key(key)
        with pytest.raises(ValueError):
            cache.get(key)
    assert cache.get("a" * 64) is None


def test_a_manifest_naming_paths_as_keys_is_a_coded_error(built, capsys):
    inputs, out = built
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["build"]["cache_inputs"]["articles"] = ["../../../../etc/passwd"]
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (inputs / "b.txt").write_text(TEXT, encoding="utf-8")
    assert main(["build", "--add", str(inputs / "b.txt"), "--out", str(out), "-q"]) == 2
    assert "[E041]" in capsys.readouterr().err


def test_records_round_trip_and_wrong_types_are_refused(seed_build):
    kg, _ = seed_build
    codec = record_codec()
    assert {"Article", "DocumentRecord", "Actor", "Event", "Agreement", "Timex", "KbRef"} <= set(codec.names)
    from newsgraph.records import DocumentRecord

    for rec in kg.documents:
        data = json.loads(json.dumps(encode(rec)))
        assert encode(codec.decode(DocumentRecord, data)) == encode(rec)
        bad = json.loads(json.dumps(data))
        bad["events"][0]["start"] = "0"
        with pytest.raises(CodecError, match="Event.start"):
            codec.decode(DocumentRecord, bad)
        bad = json.loads(json.dumps(data))
        bad["actors"][0]["__class__"] = "os.system"
        with pytest.raises(CodecError, match="no field"):
            codec.decode(DocumentRecord, bad)
        bad = json.loads(json.dumps(data))
        bad["events"][0]["type"] = "EXPLODE"
        with pytest.raises(CodecError):
            codec.decode(DocumentRecord, bad)


@pytest.mark.parametrize("where", ["a file", "/dev/null", "read-only"])
def test_an_unwritable_cache_is_a_coded_error_before_any_nlp(built, tmp_path, where, capsys):
    inputs, out = built
    target = {"a file": tmp_path / "file", "/dev/null": Path("/dev/null"), "read-only": tmp_path / "ro"}[where]
    if where == "a file":
        target.write_text("x", encoding="utf-8")
    if where == "read-only":
        target.mkdir()
        target.chmod(0o500)
        if os.access(target, os.W_OK):  # root writes anywhere: a folder under a file then
            target = tmp_path / "file-parent"
            target.write_text("x", encoding="utf-8")
            target = target / "sub"
    before = (out / "manifest.json").read_bytes()
    assert main(["build", str(inputs), "--out", str(out), "-q", "--cache", str(target)]) == 2
    assert "[E061]" in capsys.readouterr().err
    assert (out / "manifest.json").read_bytes() == before


def test_a_full_disk_while_keeping_the_cache_is_a_note_and_the_build_goes_on(built, monkeypatch, capsys):
    import newsgraph.cache as cache

    inputs, out = built
    real = cache._write_atomically

    def full(path, data, mode=0o600):
        if "documents" in Path(path).parts:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real(path, data, mode)

    monkeypatch.setattr(cache, "_write_atomically", full)
    (inputs / "b.txt").write_text(TEXT.replace("mardi", "jeudi"), encoding="utf-8")
    assert main(["build", str(inputs), "--out", str(out), "-q"]) == 0
    assert "[E063]" in capsys.readouterr().err
    assert main(["validate", str(out)]) == 0


def test_a_cache_inside_an_input_folder_is_not_read_as_input(built):
    inputs, out = built
    cache = inputs / "cache"
    (inputs / "b.jsonl").write_text(json.dumps({"id": "b", "text": TEXT}) + "\n", encoding="utf-8")
    for _ in range(2):
        assert main(["build", str(inputs), "--out", str(out), "-q", "--cache", str(cache)]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(i["id"] for i in manifest["inputs"]) == ["a", "b"]
    assert entries(cache)
