"""Regenerate the translation files from the source.

    .venv/bin/python resources/i18n/update.py

Runs ``pyside6-lupdate`` over ui/ and main.py into ``hall_desk_<lang>.ts`` (existing translations
are kept; new strings arrive marked unfinished for a translator, e.g. in pyside6-linguist), then
``pyside6-lrelease`` into ``hall_desk_<lang>.qm``. The .qm files are generated: never edit them.
Source strings are Chinese, the hall's language, so zh_CN needs no file.

lupdate reads only literal calls: ``self.tr("文本")`` and ``QCoreApplication.translate("Context",
"文本")``. A module-level helper such as ``def _tr(text): return QCoreApplication.translate("main",
text)`` hides its strings from it; the calls of such helpers (``_tr("文本")``) are found here and
handed to lupdate as the literal calls they stand for. Prefer literal calls in new code.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LANGUAGES = ("en",)
SOURCE_LANGUAGE = "zh_CN"


def tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def sources() -> list[Path]:
    return sorted([*ROOT.glob("ui/*.py"), ROOT / "main.py"])


def ts_path(language: str) -> Path:
    return HERE / f"hall_desk_{language}.ts"


# -- helpers lupdate cannot follow ---------------------------------------------------------------


def _translate_helpers(tree: ast.Module) -> dict[str, tuple[str, bool]]:
    """Module-level ``def f(text[, n]): return QCoreApplication.translate("Ctx", text, ...)``:
    name → (context, whether it passes a count)."""
    helpers: dict[str, tuple[str, bool]] = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or not node.args.args:
            continue
        body = [s for s in node.body if not (isinstance(s, ast.Expr) and _literal(s.value))]
        if len(body) != 1 or not isinstance(body[0], ast.Return):
            continue
        call = body[0].value
        params = [a.arg for a in node.args.args]
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "translate"
            and len(call.args) >= 2
            and isinstance(call.args[1], ast.Name)
            and call.args[1].id == params[0]
        ):
            continue
        context = _literal(call.args[0])
        if context is not None:
            helpers[node.name] = (context, len(call.args) >= 4 and len(params) >= 2)
    return helpers


def _literal(node: ast.expr | None) -> str | None:
    """The string a node spells out literally, if it does."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def hidden_calls(path: Path) -> list[str]:
    """The literal ``QCoreApplication.translate(...)`` calls that the helper calls in ``path``
    stand for, as Python source lines."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    helpers = _translate_helpers(tree)
    lines = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        helper = helpers.get(node.func.id)
        text = _literal(node.args[0]) if node.args else None
        if helper is None or text is None:
            continue
        context, counted = helper
        numerus = ", None, 1" if counted and len(node.args) >= 2 else ""
        lines.append(f"QCoreApplication.translate({context!r}, {text!r}{numerus})")
    return lines


# -- lupdate and lrelease ------------------------------------------------------------------------


def update_ts(ts: Path, *, language: str | None = None, no_obsolete: bool = True) -> None:
    """Bring ``ts`` (created if missing) in step with the sources, keeping its translations."""
    language = language or ts.stem.rsplit("_", 1)[-1]
    with tempfile.TemporaryDirectory(prefix="hall_desk_lupdate_") as temp:
        files = [str(p) for p in sources()]
        hidden = [line for p in sources() for line in hidden_calls(p)]
        if hidden:
            shim = Path(temp) / "translate_helpers.py"
            shim.write_text(
                "from PySide6.QtCore import QCoreApplication\n\n" + "\n".join(hidden) + "\n",
                encoding="utf-8",
            )
            files.append(str(shim))
        command = [tool("pyside6-lupdate"), *files, "-source-language", SOURCE_LANGUAGE]
        command += ["-target-language", language, "-locations", "none"]
        if no_obsolete:
            command.append("-no-obsolete")
        subprocess.run([*command, "-ts", str(ts)], cwd=ROOT, check=True, capture_output=True)


def release(ts: Path, qm: Path | None = None) -> Path:
    qm = qm or ts.with_suffix(".qm")
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True
    )
    return qm


def unfinished(ts: Path) -> list[str]:
    """Source texts of ``ts`` that still wait for a translation."""
    return [
        f"{context.findtext('name')}: {message.findtext('source')}"
        for context in ET.parse(ts).getroot().iter("context")
        for message in context.iter("message")
        if message.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]


def main() -> None:
    # A developer's script: print is its UI.
    for language in LANGUAGES:
        ts = ts_path(language)
        update_ts(ts)
        print(f"{release(ts).relative_to(ROOT)} written")
        if missing := unfinished(ts):
            print(f"{len(missing)} message(s) of {ts.name} to translate:")
            for line in missing:
                print(f"  {line}")


if __name__ == "__main__":
    main()
