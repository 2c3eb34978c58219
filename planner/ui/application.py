"""QApplication set-up and the start sequence: open the file, welcome, show the window."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMessageBox,
    QProxyStyle,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QWidget,
)

from planner import __version__, paths
from planner.clock import Clock
from planner.domain.timezones import system_zone_name, zone_info
from planner.errors import PlannerError
from planner.services import context, demo, programs
from planner.ui import icons
from planner.ui.dialogs.first_run import FirstRunDialog


class _QuietStyle(QProxyStyle):
    """Fusion without the assorted stock icons on dialog buttons (a red X on Cancel...)."""

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: QStyleHintReturn | None = None,  # noqa: N803 - Qt's name
    ) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 0
        return super().styleHint(hint, option, widget, returnData)


def setup_application(app: QApplication) -> None:
    """Names, icon search path, style and style sheet (idempotent, so tests can call it)."""
    QCoreApplication.setApplicationName("Rekindle")
    QCoreApplication.setOrganizationName("Rekindle")
    QCoreApplication.setApplicationVersion(__version__)
    icons.register_search_path()
    app.setStyle(_QuietStyle("Fusion"))
    app.setWindowIcon(icons.icon("app"))
    sheet = paths.styles_dir() / "rekindle.qss"
    if sheet.is_file():
        app.setStyleSheet(sheet.read_text(encoding="utf-8"))


def ensure_plan(services: context.Services) -> bool:
    """Welcome a new user with the first-run dialog; False if they closed it without a plan."""
    if services.plans.current() is not None:
        return True
    zone = system_zone_name()
    dialog = FirstRunDialog(
        programs=programs.builtin_programs(),
        today=services.clock.today(zone_info(zone)),
        zone=zone,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
        return False
    if dialog.choice.demo:
        # The demo begins two weeks back, so the month shows a past and a future.
        start = demo.default_start(services.clock.today(zone_info(dialog.choice.draft.zone)))
        services.plans.seed_demo(replace(dialog.choice.draft, start=start))
    else:
        services.plans.create(dialog.choice.draft)
    return True


def run(*, db_path: Path | None, clock: Clock) -> int:
    """Start the desktop app on `db_path` (default: the user's data folder)."""
    from planner.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    setup_application(app)
    path = db_path or paths.default_database_path()
    existed = path.exists()
    try:
        services = context.open_services(path, clock)
    except PlannerError as error:
        QMessageBox.critical(None, QCoreApplication.translate("app", "Rekindle"), error.message)
        return 1
    try:
        if not ensure_plan(services):
            services.close()
            if not existed:  # closed the welcome without a plan: leave no empty file behind
                paths.remove_database(path)
            return 0
        window = MainWindow(services=services)
    except PlannerError as error:
        services.close()
        QMessageBox.critical(None, QCoreApplication.translate("app", "Rekindle"), error.message)
        return 1
    window.show()
    return app.exec()
