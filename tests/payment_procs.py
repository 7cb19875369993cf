"""Process entry points for the multi-process payment tests (test_payments.py).

Started with ``multiprocessing.get_context("spawn")`` like tests/procs.py: each child is a fresh
interpreter that opens the hall database itself, as another counter PC would.
"""

from __future__ import annotations

import contextlib
import traceback
from typing import Any

from hall import open_hall

from tests.procs import PASSWORD, SharedClock, _report_error, die_before_commit_number


def payer(
    url: str,
    clock: SharedClock,
    code: str,
    window: int,
    accounts: list[str],
    rounds: int,
    ready: Any,
    go: Any,
    out: Any,
) -> None:
    """A clerk taking ``rounds`` payments on each of its ``accounts`` as fast as it can.

    The first payment on an account settles its arrears with change, the later ones (nothing due)
    are prepayments. Reports ``("paid", code, [(receipt number, account, kept fen), ...])``.
    """
    who = f"payer {code}"
    try:
        hall = open_hall(url, clock=clock)
        try:
            desk = hall.sign_in(code, PASSWORD, window=window)
            ready.put(("ready", who))
            go.wait()
            paid: list[tuple[str, str, int]] = []
            for i in range(rounds):
                for account in accounts:
                    receipt = desk.take_payment(account, received_fen=10_000 + i)
                    paid.append((receipt.number, account, receipt.due_fen + receipt.prepaid_fen))
            out.put(("paid", code, paid))
        finally:
            hall.close()
    except BaseException:
        _report_error(out, who)
        raise


def paying_until_killed(
    url: str,
    clock: SharedClock,
    code: str,
    window: int,
    lead_code: str,
    accounts: list[str],
    die_before_commit: int,
    conn: Any,
) -> None:
    """Take payments (and now and then reverse one) in a loop until killed.

    Sends ``("receipt", number)`` on the pipe after each call returned (= committed), and
    ``("looping",)`` before the loop. With ``die_before_commit`` = N > 0 it kills itself (SIGKILL)
    in its N-th write transaction, after all the statements and just before COMMIT, having sent
    ``("dying", in_transaction)``.
    """
    try:
        hall = open_hall(url, clock=clock)
        desk = hall.sign_in(code, PASSWORD, window=window)
        conn.send(("looping",))
        if die_before_commit:
            die_before_commit_number(hall, die_before_commit, conn)

        step = 0
        while True:
            for account in accounts:
                step += 1
                method, excess = [("cash", "change"), ("card", "prepay"), ("qr", "prepay")][
                    step % 3
                ]
                due = desk.account(account).arrears_fen
                receipt = desk.take_payment(
                    account, received_fen=due + step % 7 * 100 + 1, method=method, excess=excess
                )
                conn.send(("receipt", receipt.number))
                if step % 4 == 0:
                    reversal = desk.reverse_payment(
                        receipt.number, lead_code=lead_code, lead_password=PASSWORD, reason="测试"
                    )
                    conn.send(("receipt", reversal.number))
    except BaseException:
        with contextlib.suppress(Exception):
            conn.send(("error", "payer", traceback.format_exc()))
        raise
