"""The 一次性告知单: one slip listing every document still missing, with what may stand for each,
so that the customer never comes back twice for the same reason (domain.md section 3)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from hall.desk import Desk
from hall.errors import Conflict
from hall.facade import Hall
from hall.notice_slip import write_notice_slip

VALUES = {
    "request": "增容",
    "account": "3300123456",
    "customer_name": "张三",
    "id_type": "居民身份证",
    "id_number": "11010519491231002X",
    "mobile": "13812345678",
    "address": "城东路 12 号",
    "capacity_kva": 8,
    "address_proof": "一证受理（签署客户承诺书）",
}


@pytest.fixture
def clerk(counter: Any, lead: Desk) -> Desk:
    lead.add_account(account="3300123456", name="张三", address="城东路 12 号")
    return counter(1)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def squeezed(text: str) -> str:
    """The text without line breaks: a long line wraps on the 80 mm slip."""
    return "".join(text.split())


def test_the_slip_lists_every_missing_document_with_its_alternatives(
    hall: Hall, clerk: Desk, tmp_path: Path
) -> None:
    application = clerk.save_application("residential_connection", VALUES)
    path = tmp_path / "notice.pdf"
    write_notice_slip(application, hall.name, path)
    text = pdf_text(path)
    flat = squeezed(text)
    for expected in (
        "城东供电营业厅",
        "一次性告知单",
        application.number,
        "张三",
        "3300123456",
        "低压居民新装/增容申请",
        "2026-03-02",
        "1.申请人有效身份证明",
        "2.用电地址产权证明或客户承诺书",
        "张受理（工号2001）",
        "以上为办理本业务尚需的全部资料",
    ):
        assert expected in flat, expected
    # What stands for an ID, what does not, and the address proofs including 一证受理.
    assert "居民身份证、临时身份证、户口本" in flat
    assert "驾驶证、工作证、学生证不能作为身份证明" in flat
    assert "不动产权证书" in flat
    assert "一证受理（签署客户承诺书）" in flat


def test_the_slip_leaves_out_what_was_handed_in(hall: Hall, clerk: Desk, tmp_path: Path) -> None:
    application = clerk.save_application(
        "residential_connection", VALUES, documents_received=["申请人有效身份证明"]
    )
    path = tmp_path / "notice.pdf"
    write_notice_slip(application, hall.name, path)
    flat = squeezed(pdf_text(path))
    assert "1.用电地址产权证明或客户承诺书" in flat
    assert "2." not in flat
    assert "已收资料：申请人有效身份证明" in flat


def test_no_slip_once_the_file_is_complete(hall: Hall, clerk: Desk, tmp_path: Path) -> None:
    application = clerk.save_application(
        "residential_connection",
        VALUES,
        documents_received=["申请人有效身份证明", "用电地址产权证明或客户承诺书"],
    )
    with pytest.raises(Conflict) as caught:
        write_notice_slip(application, hall.name, tmp_path / "notice.pdf")
    assert caught.value.code == "nothing_missing"
    assert not (tmp_path / "notice.pdf").exists()
