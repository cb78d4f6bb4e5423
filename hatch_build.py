"""Hatchling build hook: compile the PDF reader's C loops (minutes/read/_pdfloops.c).

The library is plain C with no Python API and no link to PDFium (minutes/read/pdf_loops.py
says why it exists), built with the system's C compiler: ``$CC``, else the one Python was
built with (sysconfig's CC), else ``cc``. No compiler, or a failed compile, is a note on
stderr and a pure-Python package: the reader then makes the same calls from Python, slower.

* ``pip install -e .`` (editable): the library is written next to its source, where the
  package imported from the checkout finds it (it is in .gitignore).
* a wheel: the library goes into the wheel, which is then tagged for this platform
  (``py3-none-<platform>``: it does not depend on the Python version).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCE = Path("minutes") / "read" / "_pdfloops.c"
LIBRARY = SOURCE.with_suffix(".dll" if sys.platform == "win32" else ".so")  # as pdf_loops.LIBRARY


def compiler() -> list[str] | None:
    for cc in (os.environ.get("CC"), sysconfig.get_config_var("CC"), "cc"):
        words = shlex.split(cc or "")
        if words and shutil.which(words[0]):
            return words
    return None


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        cc = compiler()
        if cc is None:
            print("minutes: no C compiler found; the PDF reader uses its Python loops", file=sys.stderr)
            return
        target = root / LIBRARY
        # Written beside, then renamed: a process that has the old library loaded keeps it intact.
        fd, tmp = tempfile.mkstemp(suffix=LIBRARY.suffix, dir=target.parent)
        os.close(fd)
        command = [*cc, "-O2", "-shared", "-fPIC", "-o", tmp, str(root / SOURCE)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode:
            os.unlink(tmp)
            print(f"minutes: compiling {SOURCE} failed, the PDF reader uses its Python loops:\n"
                  f"{' '.join(command)}\n{done.stderr.strip()}", file=sys.stderr)
            return
        os.chmod(tmp, 0o755)
        os.replace(tmp, target)
        if version == "editable":
            return
        from packaging.tags import sys_tags

        build_data["force_include"][str(target)] = LIBRARY.as_posix()
        build_data["pure_python"] = False
        build_data["tag"] = f"py3-none-{next(iter(sys_tags())).platform}"
