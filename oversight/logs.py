"""Log files of the service, under the data folder's logs/ (0700; each file 0600): tracebacks and error
numbers go here, never to a user's screen or a command's output."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from oversight.config import load_settings

_lock = threading.Lock()
_configured: dict[str, Path] = {}


def folder() -> Path:
    path = load_settings().data_dir / "logs"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def get(name: str) -> logging.Logger:
    """The logger writing to data/logs/<name>.log (and to stderr), created once per process and data folder."""
    path = folder() / f"{name}.log"
    logger = logging.getLogger(f"oversight.{name}")
    with _lock:
        if _configured.get(name) != path:
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
                handler.close()
            if not path.exists():
                path.touch(mode=0o600)
            os.chmod(path, 0o600)
            file_handler = logging.FileHandler(path, encoding="utf-8")
            file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
            logger.addHandler(file_handler)
            logger.addHandler(logging.StreamHandler())
            logger.setLevel(logging.INFO)
            logger.propagate = False
            _configured[name] = path
    return logger
