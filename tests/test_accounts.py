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


def test_an_account_carries_its_voltage_class_and_capacity(lead) -> None:  # type: ignore[no-untyped-def]
    plain = lead.add_account(account="3300123456", name="张三", address="城东路 12 号")
    assert (plain.voltage_class, plain.capacity_kva) == ("不满1kV", 0)
    factory = lead.add_account(
        account="3300123457",
        name="城东机械厂",
        address="工业园 1 号",
        tariff_class="大工业",
        voltage_class="10kV",
        capacity_kva=630,
    )
    assert (factory.voltage_class, factory.capacity_kva) == ("1-10kV", 630)
    assert lead.account("3300123457") == factory


@pytest.mark.parametrize(
    "changes,code",
    [
        ({"voltage_class": "500kV"}, "invalid_voltage_class"),
        ({"capacity_kva": -1}, "invalid_capacity"),
        ({"capacity_kva": 31.5}, "invalid_capacity"),
    ],
)
def test_a_bad_voltage_class_or_capacity_is_refused(lead, changes, code) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput) as error:
        lead.add_account(account="3300123456", name="张三", address="城东路 12 号", **changes)
    assert error.value.code == code


@pytest.fixture
def some_accounts(lead):  # type: ignore[no-untyped-def]
    for account, name, address, phone in (
        ("3301000001", "张三", "城东路 12 号", "13812345678"),
        ("3301000002", "张三丰", "城西路 100% 商铺", "0571-88886666"),
        ("3302000001", "李四", "城东路 14 号", ""),
        ("3302000002", "王五", "解放路 3301 号", "13933010000"),
    ):
        lead.add_account(account=account, name=name, address=address, phone=phone)


def found(desk, text: str, limit: int = 50) -> list[str]:  # type: ignore[no-untyped-def]
    return [a.account for a in desk.search_accounts(text, limit=limit)]


def test_search_finds_accounts_by_number_prefix_name_phone_or_address(  # type: ignore[no-untyped-def]
    some_accounts, guide, counter
) -> None:
    clerk = counter(1)
    # Number prefix first, then other fields that contain the digits (an address, a phone).
    assert found(clerk, "3301") == ["3301000001", "3301000002", "3302000002"]
    assert found(clerk, "3302000001") == ["3302000001"]
    assert found(guide, "张三") == ["3301000001", "3301000002"]
    assert found(guide, " 城东路 ") == ["3301000001", "3302000001"]
    assert found(guide, "5678") == ["3301000001"]
    assert found(guide, "0571-8888") == ["3301000002"]
    assert found(guide, "057188886666") == ["3301000002"]
    assert found(guide, "100%") == ["3301000002"]  # % is a character, not a wildcard
    assert found(guide, "%") == ["3301000002"]
    assert found(guide, "赵") == []
    assert found(guide, "   ") == []
    assert found(guide, "33", limit=2) == ["3301000001", "3301000002"]
    shown = guide.search_accounts("张三")[0]
    assert shown.masked_phone == "138****5678"


def test_search_is_the_same_whatever_the_databases_collation(  # type: ignore[no-untyped-def]
    some_accounts, lead, guide
) -> None:
    """A number prefix ending in 9 ("3309" is the range up to "330:") and letters in any case.

    PostgreSQL sorts by the database's collation: a linguistic one (zh_CN, ICU; the private test
    server uses ICU's zh-Hans-CN) ignores the ':', so the range must be compared byte by byte.
    """
    lead.add_account(account="3309000001", name="赵六", address="城北路 1 号 B座", phone="")
    lead.add_account(account="3399999999", name="钱七", address="城北路 2 号", phone="")
    assert found(guide, "3309") == ["3309000001"]
    assert found(guide, "339") == ["3399999999"]
    assert found(guide, "33099") == []
    assert found(guide, "b座") == ["3309000001"]


def test_search_limit_is_checked(some_accounts, guide) -> None:  # type: ignore[no-untyped-def]
    for limit in (0, 201, True):
        with pytest.raises(InvalidInput):
            guide.search_accounts("张", limit=limit)
