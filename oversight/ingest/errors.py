"""The one exception ingestion raises for a file that cannot be loaded at all (a structural error)."""

from __future__ import annotations


class StructuralError(Exception):
    """The whole file is rejected; ``message`` is Vietnamese and names what is wrong, ``details`` the rows."""

    def __init__(self, message: str, details: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.details = list(details or [])

    def __str__(self) -> str:
        if not self.details:
            return self.message
        return self.message + "\n" + "\n".join(f"  - {line}" for line in self.details)
