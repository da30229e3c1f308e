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
        assert old in text, f"{name}: {file} no longer has {old[:60]!r}"
        assert new != old


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
