"""Legacy Word .doc, OpenDocument .odt and Rich Text .rtf: converted to .docx by LibreOffice headless when it is
installed, then read as DOCX."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import CorruptFile, UnsupportedFormat
from ..models import Document

CONVERT_TIMEOUT_S = 120


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(path: str | Path) -> Document:
    path = str(path)
    kind = Path(path).suffix.lower() or ".doc"
    exe = soffice()
    if exe is None:
        raise UnsupportedFormat(path, f"a {kind} file needs LibreOffice (soffice) to convert; or save it as .docx")
    from .docx import read_docx

    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        try:
            subprocess.run([exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "docx",
                            "--outdir", tmp, path], check=True, capture_output=True, timeout=CONVERT_TIMEOUT_S)
        except subprocess.TimeoutExpired as e:
            raise CorruptFile(path, f"LibreOffice conversion took over {CONVERT_TIMEOUT_S} s") from e
        except (subprocess.CalledProcessError, OSError) as e:
            raise CorruptFile(path, "LibreOffice could not convert it") from e
        converted = Path(tmp) / (Path(path).stem + ".docx")
        if not converted.exists():
            raise CorruptFile(path, "LibreOffice could not convert it (password-protected or damaged?)")
        doc = read_docx(converted)
    return doc.model_copy(update={"source": path, "format": "docx",
                                  "warnings": doc.warnings + [f"converted from {kind} with LibreOffice"]})
