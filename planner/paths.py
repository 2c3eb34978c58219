"""Where Rekindle keeps things: the user's data directory (platformdirs) and bundled resources."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "Rekindle"
DATABASE_FILENAME = "rekindle.sqlite3"

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The per-user data directory (created on demand by the caller that writes there)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    """The database used when `--db` is not given."""
    return data_dir() / DATABASE_FILENAME


def remove_database(path: Path) -> None:
    """Delete a database file with its SQLite companions (-wal, -shm), if they exist.

    Only for a file this process has just created and not filled, e.g. after a failed command.
    Through a link, the file it made goes and the link stays, as it was before.
    """
    real = path.resolve()
    for leftover in (real, *(real.with_name(real.name + suffix) for suffix in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)


def resources_dir(package_dir: Path = _PACKAGE_DIR) -> Path:
    """Bundled resources: inside the installed wheel, or the checkout's top-level `resources/`.

    A wheel maps `resources/` to `planner/resources` (hatchling force-include); an editable
    install imports `planner` from the checkout, where the folder sits beside the package.
    """
    installed = package_dir / "resources"
    if installed.is_dir():
        return installed
    return package_dir.parent / "resources"


def programs_dir() -> Path:
    """The built-in program data files."""
    return resources_dir() / "programs"


def icons_dir() -> Path:
    """SVG icons (categories and actions)."""
    return resources_dir() / "icons"


def styles_dir() -> Path:
    """Qt style sheets."""
    return resources_dir() / "styles"
