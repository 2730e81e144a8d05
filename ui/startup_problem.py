"""When Hearth can't open the couple's data: say what happened and what they can do —
restore the newest good backup, choose another folder, or quit. The problem file is never
changed: a restore keeps it aside under a timestamped name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app import APP_NAME
from app.domain.errors import HearthError
from app.paths import backups_dir, db_path
from app.persistence.database import Passphrase
from app.services.backups import Backup, check_restorable, list_backups, restore_closed

RESTORE, CHOOSE, QUIT = "restore", "choose", "quit"


def newest_good_backup(data_dir: Path, passphrase: Passphrase | None = None) -> Backup | None:
    for backup in list_backups(backups_dir(data_dir)):
        try:
            check_restorable(backup.path, passphrase)
        except HearthError:
            continue
        return backup
    return None


def ask(message: str, data_dir: Path, parent: QWidget | None = None,
        passphrase: Passphrase | None = None) -> tuple[str, Path]:
    """Ask what to do; returns (choice, data dir to try next). Encrypted backups are offered
    when ``passphrase`` (what the couple typed) opens them."""
    backup = newest_good_backup(data_dir, passphrase)
    box = QMessageBox(QMessageBox.Icon.Warning, f"{APP_NAME} can't open your data", message,
                      parent=parent)
    box.setInformativeText(
        "Nothing has been changed. "
        + (f"The newest good backup is from {backup.taken_at.day} "
           f"{backup.taken_at:%B %Y, %H:%M}. Restoring it keeps the current file aside, "
           "untouched." if backup else "There is no backup to restore in this folder."))
    restore = box.addButton("Restore the newest backup", QMessageBox.ButtonRole.AcceptRole) \
        if backup else None
    choose = box.addButton("Choose another folder…", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        assert backup is not None
        try:
            restore_closed(backup.path, db_path(data_dir), passphrase)
        except HearthError as exc:
            QMessageBox.warning(parent, APP_NAME, exc.message)
            return QUIT, data_dir
        except OSError as exc:
            QMessageBox.warning(parent, APP_NAME, "The backup couldn't be restored: "
                                f"{exc.strerror or 'the system refused'}. Nothing was changed.")
            return QUIT, data_dir
        return RESTORE, data_dir
    if clicked is choose:
        chosen = QFileDialog.getExistingDirectory(parent, "Choose a folder for Hearth's data",
                                                  str(data_dir.parent))
        if chosen:
            return CHOOSE, Path(chosen)
    return QUIT, data_dir
