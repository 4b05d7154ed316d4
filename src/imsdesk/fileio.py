"""Writing user-visible files safely: all or nothing.

A file is written to a temporary file in the target folder, flushed to disk and then moved into
place, so a full disk, a missing folder or a crash never leaves a half-written file behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from imsdesk.errors import ExportError


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# mkstemp makes files only the owner can read; a finished file gets the usual permissions.
NEW_FILE_MODE = 0o666 & ~_read_umask()


def explain_os_error(exc: OSError, path: Path) -> str:
    """One sentence for a user: what went wrong writing ``path`` and what to do."""
    folder = path.parent
    if exc.errno == errno.ENOENT:
        return f"Cannot write {path}: the folder {folder} does not exist."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Cannot write {path}: you have no permission to write in {folder}."
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"Cannot write {path}: the disk is full. Free some space and try again."
    if exc.errno == errno.EISDIR:
        return f"Cannot write {path}: it is a folder."
    return f"Cannot write {path}: {exc.strerror or exc}."


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """Yield a binary file; on success it replaces ``path``, on any error nothing is left."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"Cannot write {path}: it is a folder.")
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".partial", dir=path.parent
        )
    except OSError as exc:
        raise ExportError(explain_os_error(exc, path)) from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(path.stat().st_mode & 0o777 if path.exists() else NEW_FILE_MODE)
        temp.replace(path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ExportError(explain_os_error(exc, path)) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_atomically(path: Path, data: bytes | Callable[[BinaryIO], None]) -> None:
    """Write ``data`` (bytes, or a function that writes into the file) to ``path`` atomically."""
    with atomic_output(path) as handle:
        if isinstance(data, bytes):
            handle.write(data)
        else:
            data(handle)
