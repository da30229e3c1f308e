"""bench/breakdown.py's variants still apply to the app as it is: a patch whose text the app no longer has stops
the measurement with a message, and nine of them had done so unnoticed after the code they changed moved on."""

from __future__ import annotations

import re

import pytest

from bench import breakdown


@pytest.mark.parametrize("name", sorted(breakdown.PATCHES))
def test_every_patch_finds_its_text(name):
    for file, old, new in breakdown.PATCHES[name]:
        if file == breakdown.ICONS:
            continue
        text = (breakdown.ROOT / file).read_text(encoding="utf-8")
        # make_copy changes the first occurrence only: a second one would leave the variant half patched.
        assert text.count(old) == 1, f"{name}: {file} has {text.count(old)} times {old[:60]!r}"
        assert new != old
        if file.endswith(".py"):
            compile(text.replace(old, new, 1), file, "exec")  # the patched copy must still be Python


def test_variant_copy_is_the_app_with_the_patch(tmp_path, monkeypatch):
    monkeypatch.setattr(breakdown, "VARIANTS_DIR", tmp_path)
    copy = breakdown.make_copy("preimport")
    changed = (copy / "assets" / "app.js").read_text(encoding="utf-8")
    original = (breakdown.ROOT / "assets" / "app.js").read_text(encoding="utf-8")
    assert changed != original
    assert changed.count('import(staticPrefix + "js/" + name)') == 1
    assert (copy / "views" / "om.py").read_bytes() == (breakdown.ROOT / "views" / "om.py").read_bytes()
    assert (copy / "data").resolve() == (breakdown.ROOT / "data").resolve()


def test_icon_variant_leaves_no_material_icon(tmp_path, monkeypatch):
    monkeypatch.setattr(breakdown, "VARIANTS_DIR", tmp_path)
    copy = breakdown.make_copy("no-icons")
    named = [p for p in (copy / "components").rglob("*.py")
             if re.search(r'":material/[a-z_]+:"', p.read_text(encoding="utf-8"))]
    assert named == []
    assert any(re.search(r'":material/[a-z_]+:"', p.read_text(encoding="utf-8"))
               for p in (breakdown.ROOT / "components").rglob("*.py"))


def test_variant_names_are_checked_before_anything_starts():
    breakdown.check_variants(["app", "bare", "bare+sidebar+nav", "app-nosidebar"])
    for wrong in ("bare+typo", "barex", "app-nosuchpatch", "nosidebar"):
        with pytest.raises(SystemExit, match="unknown variant"):
            breakdown.check_variants([wrong])


def test_each_variant_is_asked_for_its_page_at_its_address():
    class Server:
        base = "http://127.0.0.1:9"

    assert breakdown.variant_url("app", Server(), "regionprofil") == "http://127.0.0.1:9/regionprofil?region=14"
    assert breakdown.variant_url("bare", Server(), "") == "http://127.0.0.1:9/?page=start"
    assert breakdown.variant_url("bare+nav", Server(), "om") == "http://127.0.0.1:9/om?page=om"
