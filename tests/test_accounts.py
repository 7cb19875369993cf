"""Customer accounts: added by a lead, looked up at any desk, personal data masked."""

from __future__ import annotations

import pytest

from hall.errors import Conflict, InvalidInput, NotFound, PermissionDenied


def test_a_lead_adds_an_account_that_every_desk_can_look_up(lead, guide, counter) -> None:  # type: ignore[no-untyped-def]
    added = lead.add_account(
        account="3300 123 456",
        name="张三",
        address="城东路 12 号",
        phone="138 1234 5678",
        tariff_class="居民生活",
        arrears_fen=23640,
    )
    assert (added.account, added.phone, added.arrears_fen) == ("3300123456", "13812345678", 23640)
    found = counter(1).account("3300123456")
    assert found == added
    assert found.masked_phone == "138****5678"
    assert guide.account("3300123456").name == "张三"


@pytest.mark.parametrize(
    "changes,code",
    [
        ({"account": "33001234"}, "invalid_account"),  # 10 digits by default
        ({"account": "33001234AB"}, "invalid_account"),
        ({"name": " "}, "required"),
        ({"phone": "1381234567"}, "mobile_length"),
        ({"tariff_class": "商业"}, "invalid_tariff_class"),
        ({"arrears_fen": -1}, "invalid_amount"),
        ({"arrears_fen": 236.4}, "invalid_amount"),
    ],
)
def test_bad_account_data_is_refused_and_nothing_saved(lead, changes, code) -> None:  # type: ignore[no-untyped-def]
    values = {
        "account": "3300123456",
        "name": "张三",
        "address": "城东路 12 号",
        "phone": "13812345678",
        "tariff_class": "居民生活",
        "arrears_fen": 0,
    }
    values.update(changes)
    with pytest.raises(InvalidInput) as error:
        lead.add_account(**values)
    assert error.value.code == code
    with pytest.raises(NotFound):
        lead.account("3300123456")


def test_an_account_number_is_unique(lead) -> None:  # type: ignore[no-untyped-def]
    lead.add_account(account="3300123456", name="张三", address="城东路 12 号")
    with pytest.raises(Conflict):
        lead.add_account(account="3300123456", name="李四", address="城西路 3 号")
    assert lead.account("3300123456").name == "张三"


def test_only_a_lead_adds_accounts(counter) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        counter(1).add_account(account="3300123456", name="张三", address="城东路 12 号")
