"""The core stays free of Qt: importing it, and using it, loads no PySide6."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_importing_and_using_the_core_loads_no_qt(tmp_path: Path) -> None:
    script = f"""
import sys
import hall, hall.money, hall.validation, hall.workdays, db.models, db.migrate
from hall import open_hall
h = open_hall("sqlite:///{tmp_path / "layers.db"}")
h.setup(hall_name="厅", lead_code="9001", lead_name="王", lead_password="secret-123")
h.sign_in("9001", "secret-123").snapshot()
h.close()
qt = sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6"))
print(",".join(qt) or "none")
"""
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "none"


def test_no_core_module_imports_qt() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("hall", "db")
        for path in (ROOT / folder).rglob("*.py")
        if "PySide6" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
