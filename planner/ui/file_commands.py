"""The File menu's work on files: export a calendar, import one, restore a daily backup.

Each asks what it needs (a dialog, a file name, a question that names the copy), runs the
hub's use case with progress where it can take a while, then says what happened: in the
status bar, or in a box that lists what an import changed and left out.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from planner.domain.plans import SetAside
from planner.errors import CancelledError, PlannerError
from planner.ui import confirm, file_dialogs, labels, recent_folders
from planner.ui.widgets import open_freed, roomy, waiting

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from planner.services.interop import ExportRequest, ForUnnamed, ImportReport, ReadCalendar
    from planner.ui.dialogs.export import ExportDialog
    from planner.ui.dialogs.restore import RestoreDialog
    from planner.ui.hub import Hub


class _Progress:
    """A progress dialog for long exports and imports; shown only if it takes a while."""

    def __init__(self, parent: QWidget, label: str) -> None:
        cancel = QCoreApplication.translate("FileCommands", "Cancel")
        self._dialog = QProgressDialog(label, cancel, 0, 100, parent)
        self._dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._dialog.setMinimumDuration(400)
        self._dialog.setAutoClose(True)

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._dialog.reset()
        self._dialog.deleteLater()

    def update(self, done: int, total: int) -> bool:
        """The services' progress callback: False cancels."""
        self._dialog.setMaximum(max(total, 1))
        self._dialog.setValue(min(done, total))
        QCoreApplication.processEvents()
        return not self._dialog.wasCanceled()


class FileCommands(QObject):
    """Export, import and restore for one window; says results through its signals."""

    #: A line for the status bar, and how long it stays (ms).
    said = Signal(str, int)
    #: Show this day (a date): where an import's new activities begin.
    day_requested = Signal(object)
    #: Steps (StepNumbers, sorted) whose milestones marks brought in by an import completed.
    steps_reached = Signal(list)

    def __init__(self, *, hub: Hub, window: QWidget) -> None:
        super().__init__(window)
        self.hub = hub
        self._window = window  # parent of the dialogs and boxes, which it keeps modal

    # -- restore ---------------------------------------------------------------------------

    def restore_from_backup(self) -> RestoreDialog:
        """List the daily copies; restore the chosen one after a question that names it."""
        from planner.ui.dialogs.restore import RestoreDialog

        try:
            available = self.hub.backups()
        except PlannerError as error:
            available = []
            self.said.emit(error.message, 8000)
        folder = str(self.hub.services.backups.folder)
        dialog = RestoreDialog(backups=available, folder=folder, parent=self._window)
        dialog.accepted.connect(lambda: self._restore(dialog))
        open_freed(dialog)
        return dialog

    def _restore(self, dialog: RestoreDialog) -> None:
        backup = dialog.chosen
        if backup is None:
            return
        described = dialog.describe(backup)
        if not confirm.ask(
            self._window,
            self.tr("Restore from Backup"),
            self.tr(
                "Replace your plan with the copy from %1?\n\nYour plan as it is now is kept "
                "as a copy first, so you can restore it again later."
            ).replace("%1", described),
            accept=self.tr("Restore"),
            reject=self.tr("Keep My Plan"),
        ):
            return
        try:
            self.hub.restore_backup(backup)
        except PlannerError as error:
            QMessageBox.warning(self._window, self.tr("Could Not Restore"), error.message)
            return
        self.said.emit(self.tr("Restored the copy from %1.").replace("%1", described), 8000)

    # -- export ----------------------------------------------------------------------------

    def export_plan(self) -> ExportDialog:
        """Ask what to export, then where to, then write the file (with progress if large)."""
        from planner.ui.dialogs.export import ExportDialog

        dialog = ExportDialog(program=self.hub.program, today=self.hub.today(), parent=self._window)
        dialog.accepted.connect(lambda: self.export(dialog.request()))
        open_freed(dialog)
        return dialog

    def _dates_named(self, request: ExportRequest) -> str:
        """The dates an export keeps, for its file's name (ISO: they sort and read anywhere)."""
        first, last = request.first_day, request.last_day
        if first is not None and last is not None:
            said = self.tr(" %1 to %2").replace("%1", first.isoformat())
            return said.replace("%2", last.isoformat())
        if first is not None:
            return self.tr(" from %1").replace("%1", first.isoformat())
        if last is not None:
            return self.tr(" until %1").replace("%1", last.isoformat())
        return ""

    def export(self, request: ExportRequest) -> None:
        """Ask where to write what `request` asks for, then write it."""
        # Named as the calendar inside it, so the name says no more than the file does; the
        # characters no file system takes in a name become dashes.
        stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "-", self.hub.export_name(request))
        stem = stem.strip(" .")[:80].strip(" .") or self.tr("Calendar")
        stem += self._dates_named(request)  # a trial's week came out named as the whole plan
        suggested = str(recent_folders.folder_for(recent_folders.CALENDARS) / f"{stem}.ics")
        name, _ = file_dialogs.save_file_name(
            self._window,
            self.tr("Export Calendar File"),
            suggested,
            self.tr("Calendar files (*.ics)"),
        )
        if not name:
            return
        path = Path(name if name.lower().endswith(".ics") else f"{name}.ics")
        recent_folders.remember(recent_folders.CALENDARS, path)
        with _Progress(self._window, self.tr("Exporting…")) as progress:
            try:
                result = self.hub.export_to(path, request, progress.update)
            except CancelledError:
                return
            except PlannerError as error:
                QMessageBox.warning(self._window, self.tr("Could Not Export"), error.message)
                return
        said = (
            self.tr("Exported 1 activity to %2.")
            if result.activities == 1
            else self.tr("Exported %1 activities to %2.").replace("%1", str(result.activities))
        )
        plan = self.hub.plan
        if plan.contact_set_aside:  # what the count leaves out, said (a trial)
            said += " " + (
                self.tr("Contact set aside stays out of it, as asked.")
                if plan.boundary_reason is SetAside.ASKED
                else self.tr("Contact set aside stays out of it, as you chose.")
            )
        self.said.emit(said.replace("%2", result.path.name), 8000)

    # -- import ----------------------------------------------------------------------------

    def import_file(self) -> None:
        """Choose an .ics file and import it, then say what happened."""
        name, _ = file_dialogs.open_file_name(
            self._window, self.tr("Import Calendar File"),
            str(recent_folders.folder_for(recent_folders.CALENDARS)),
            self.tr("Calendar files (*.ics);;All files (*)"),
        )  # fmt: skip
        if not name:
            return
        path = Path(name)
        recent_folders.remember(recent_folders.CALENDARS, path)
        try:
            with waiting():  # a big file takes seconds to read
                read = self.hub.read_import(path)
        except PlannerError as error:
            self._import_failed(path, error)
            return
        if not read.without_a_place:
            self.import_read(read)  # all of it there already, or saying its step and kind
            return
        from planner.ui.dialogs.import_options import ImportOptionsDialog

        # New events from another calendar: where they go, asked once the file proved
        # readable (one step, one kind).
        dialog = ImportOptionsDialog(
            hub=self.hub, file_name=path.name, count=read.without_a_place,
            titles=read.titles_without_a_place, parent=self._window,
        )  # fmt: skip
        dialog.accepted.connect(lambda: self.import_read(read, dialog.unnamed))
        open_freed(dialog)

    def _import_failed(self, path: Path, error: PlannerError) -> None:
        heading = self.tr("Could not import “%1”").replace("%1", path.name)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Could Not Import"), heading,
                          parent=self._window)  # fmt: skip
        box.setObjectName("import_failed")
        # Said once: a storage failure already ends with "Nothing was changed." (a trial
        # read both, one after the other).
        said = error.message
        if "nothing was changed" not in said.lower():
            said += "\n\n" + self.tr("Nothing in your plan was changed.")
        box.setInformativeText(said)
        roomy(box)
        box.open()

    def import_read(
        self, read: ReadCalendar, unnamed: ForUnnamed | None = None
    ) -> ImportReport | None:
        """Import a file already read; say what it changed in a box (None if it did not)."""
        path = read.path
        with _Progress(self._window, self.tr("Importing…")) as progress:
            try:
                report = self.hub.import_read(read, progress.update, unnamed)
            except CancelledError:
                self.said.emit(self.tr("Import cancelled; nothing changed."), 6000)
                return None
            except PlannerError as error:
                self._import_failed(path, error)
                return None
        heading = self.tr("Imported “%1”").replace("%1", path.name)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Import Finished"), heading,
                          parent=self._window)  # fmt: skip
        box.setObjectName("import_summary")
        box.setInformativeText(self._import_summary(report))
        roomy(box)
        first = report.first_day
        if first is not None:  # where the new activities begin, one click away
            when = labels.day_text(first, "d MMMM yyyy")
            go = box.addButton(
                self.tr("Go to %1").replace("%1", when), QMessageBox.ButtonRole.ActionRole
            )
            go.setObjectName("go_to_imported")
            go.clicked.connect(lambda: self.day_requested.emit(first))
            ok = box.addButton(QMessageBox.StandardButton.Ok)
            box.setDefaultButton(ok)
            box.setEscapeButton(ok)  # Escape (and closing the box) still just closes it
        if report.reached:  # done marks brought along completed a step: the milestone moment
            self.steps_reached.emit(sorted(report.reached))
        if report.skipped or report.removed or report.updated_titles or report.shortened:
            box.setDetailedText(self._import_details(report))
        box.open()
        return report

    def _import_details(self, report: ImportReport) -> str:
        """What was updated, removed, and left out with why: under headings of their own
        (a removal read as one more thing skipped), each item first, its line last."""
        sections = []
        if report.updated_titles:
            sections.append([self.tr("Updated from the file:")] + [
                f"  “{before}”" if before == now else f"  “{before}”, now “{now}”"
                for before, now in report.updated_titles
            ])  # fmt: skip
        if report.shortened:
            sections.append([self.tr("Titles too long to keep whole:")] + [
                f"  {item.what}: {item.reason}" for item in report.shortened
            ])  # fmt: skip
        if report.marks_outlived:
            sections.append([self.tr("Days you marked that the file no longer has:")] + [
                f"  {item.what}: {item.reason}" for item in report.marks_outlived
            ])  # fmt: skip
        if report.removed:
            sections.append([self.tr("Removed, as the file cancels them:")] + [
                f"  {item.what}" for item in report.removed
            ])  # fmt: skip
        if report.skipped:
            sections.append([self.tr("Left as they were, or not imported:")] + [
                f"  {item.what}: {item.reason}"
                + (self.tr(" (line %1)").replace("%1", str(item.line)) if item.line else "")
                for item in report.skipped
            ])  # fmt: skip
        return "\n\n".join("\n".join(section) for section in sections)

    def _import_summary(self, report: ImportReport) -> str:
        """The counts, in words when nothing changed, and how to take an import back."""
        if not (report.added or report.updated or report.skipped):
            if report.unchanged == 1:
                return self.tr("Nothing new: your plan already has the one activity in this file.")
            if report.unchanged:
                return self.tr(
                    "Nothing new: your plan already has all %1 activities in this file."
                ).replace("%1", str(report.unchanged))
            return self.tr("The file holds no events.")
        removed = len(report.removed)  # counted with the updates in the report
        counted = [  # only what happened (a trial read "0 updated, 0 unchanged" as noise)
            (report.added, self.tr("1 activity added"), self.tr("%1 activities added")),
            (report.updated - removed, self.tr("1 activity updated"),
             self.tr("%1 activities updated")),
            (removed, self.tr("1 activity removed"), self.tr("%1 activities removed")),
            (report.unchanged, self.tr("1 already in your plan"),
             self.tr("%1 already in your plan")),
            (len(report.skipped), self.tr("1 left out"), self.tr("%1 left out")),
        ]  # fmt: skip
        summary = ", ".join(
            one if count == 1 else many.replace("%1", str(count))
            for count, one, many in counted if count
        ) + "."  # fmt: skip
        if report.marks_outlived:  # a day marked done gone from the calendar: said at once
            summary += " " + self.tr(
                "Some days you marked are no longer in the file; what you marked and wrote is "
                "kept (Show Details…)."
            )
        if report.added or report.updated:
            summary += " " + self.tr("Edit › Undo takes the import back.")
        return summary
