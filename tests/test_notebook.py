"""The exploration notebook runs top to bottom in a real kernel of this virtualenv."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


def test_notebook_is_committed_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code, "the notebook has no code cells"
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code), "strip the outputs"


def test_notebook_runs_without_errors_from_any_folder(tmp_path: Path) -> None:
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # the kernelspec says "python"; jupyter_client runs it as this interpreter: check it did
    notebook.cells.append(nbformat.v4.new_code_cell("import sys\nprint(sys.executable)"))
    client = NotebookClient(notebook, kernel_name="python3", timeout=600,
                            resources={"metadata": {"path": str(tmp_path)}})  # cwd outside the checkout
    try:
        client.execute()
    except CellExecutionError as error:
        pytest.fail(f"a cell of {NOTEBOOK.name} failed:\n{error}")

    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    texts = "\n".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "articles written, 0 failures" in texts
    assert Path(texts.strip().splitlines()[-1]) == Path(sys.executable)
    images = [o for o in outputs if o.output_type == "display_data" and "image/png" in o.data]
    assert len(images) == 3, "expected the degree distribution, the countries bar chart and the relations of a pair"
    frames = [o.data["text/html"] for o in outputs if o.output_type in ("execute_result", "display_data")
              and "text/html" in o.get("data", {})]
    assert any("Ajay Bhalla" in frame for frame in frames), "the officials of India table is missing"
    assert any("<iframe srcdoc=" in frame for frame in frames), "the inline view is missing"
    assert any("<iframe srcdoc=" in frame and "Relations between countries" in frame for frame in frames), \
        "the inline country view is missing"
