"""openpyxl, imported without numpy: the one way dotool loads the spreadsheet library, for the
workbooks it writes (`collect`, `export --format xlsx`) and reads (`collect apply`, `import`).

A module of its own at the top of the package, because both `store` (which reads a workbook
from elsewhere) and `export` (which is made from the models alone and imports no `store`) need it.
"""

from __future__ import annotations

import sys


def load_openpyxl() -> None:
    """Import openpyxl without numpy (unless one of them is loaded already).

    openpyxl imports numpy whenever it can, only to count numpy's number types as numbers in
    a cell; dotool never puts one there, and numpy's import costs about as much as openpyxl's
    own. While openpyxl is imported, numpy is marked as not installed; the mark is removed
    after, so anything importing numpy later gets it as usual. Call it before the first
    `from openpyxl import ...`.
    """
    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # "import numpy" raises ImportError
    try:
        import openpyxl  # noqa: F401
    finally:
        del sys.modules["numpy"]
