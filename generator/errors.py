"""Every failure the product expects is a ``BriefingsError``: the CLI prints its message on
one line (file, line, field) and exits non-zero; the MkDocs plugin turns it into a
``PluginError``. Anything else is a bug and may show a traceback."""


class BriefingsError(Exception):
    """Base class: ``str(err)`` is the one line a user sees."""


class ReaderError(BriefingsError):
    """An input article cannot be read (encoding, missing dateline, bad date…)."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


class WriterError(BriefingsError):
    """A briefing cannot be written (unwritable folder, disk full…)."""


class FrontMatterError(BriefingsError):
    """A briefing on disk has invalid front matter (see ``briefings check``)."""

    def __init__(self, path: str, line: int | None, field: str | None, message: str):
        self.path, self.line, self.field, self.message = path, line, field, message
        where = f"{path}:{line}" if line else path
        text = f"{where}: {field}: {message}" if field else f"{where}: {message}"
        super().__init__(text)
