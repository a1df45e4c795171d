"""One exception hierarchy; every failure carries the exit code the CLI returns for it."""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    INPUT_FAILED = 1  # one or more inputs could not be processed (recorded, the run went on)
    USAGE = 2  # bad command line or a broken set-up (e.g. Tesseract missing)


class OcrfixError(Exception):
    """Base class: `str(err)` is the one-line message shown to the user."""

    exit_code = ExitCode.INPUT_FAILED


class InputError(OcrfixError):
    """The input file cannot be read as a document."""


class MissingFileError(InputError):
    pass


class EmptyFileError(InputError):
    pass


class UnsupportedFormatError(InputError):
    pass


class CorruptFileError(InputError):
    pass


class EncryptedPdfError(InputError):
    pass


class ImageTooLargeError(InputError):
    pass


class OcrEngineError(OcrfixError):
    """Tesseract crashed or timed out on a page."""


class SetupError(OcrfixError):
    """Something the pipeline needs is not installed."""

    exit_code = ExitCode.USAGE


class UsageError(OcrfixError):
    exit_code = ExitCode.USAGE
