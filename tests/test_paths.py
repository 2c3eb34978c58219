"""Bundled resources are found both in an installed wheel and in a source checkout."""

from __future__ import annotations

from pathlib import Path

from planner import paths


def test_installed_layout_uses_the_package_resources(tmp_path: Path) -> None:
    package = tmp_path / "site-packages" / "planner"
    (package / "resources" / "programs").mkdir(parents=True)
    (tmp_path / "site-packages" / "resources").mkdir()  # a stray folder beside it is ignored
    assert paths.resources_dir(package) == package / "resources"


def test_checkout_layout_falls_back_to_the_top_level_resources(tmp_path: Path) -> None:
    package = tmp_path / "checkout" / "planner"
    package.mkdir(parents=True)
    (tmp_path / "checkout" / "resources" / "programs").mkdir(parents=True)
    assert paths.resources_dir(package) == tmp_path / "checkout" / "resources"


def test_a_file_named_resources_is_not_taken_for_the_folder(tmp_path: Path) -> None:
    package = tmp_path / "checkout" / "planner"
    package.mkdir(parents=True)
    (package / "resources").write_text("not a folder", encoding="utf-8")
    assert paths.resources_dir(package) == tmp_path / "checkout" / "resources"


def test_real_resources_hold_the_program_files_and_icons() -> None:
    resources = paths.resources_dir()
    assert (resources / "programs" / "five-steps.json").is_file()
    assert (resources / "programs" / "eleven-steps.json").is_file()
    assert paths.programs_dir() == resources / "programs"
    assert (paths.icons_dir() / "app.svg").is_file()


def test_database_lives_in_the_data_dir(data_dir: Path) -> None:
    assert paths.default_database_path() == data_dir / paths.DATABASE_FILENAME
    assert not data_dir.exists()  # asking for the path creates nothing
