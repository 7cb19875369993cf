"""Staff accounts: adding, signing in with lockout after repeated failures, and their upkeep."""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from db import models as m
from hall.context import HallContext
from hall.errors import AuthError, Conflict, InvalidInput, NotFound
from hall.events import SetupChanged
from hall.passwords import MIN_PASSWORD_LENGTH, hash_password, verify_password
from hall.records import Role, StaffMember

logger = logging.getLogger(__name__)

MAX_FAILED_SIGNINS = 5
LOCKOUT = timedelta(minutes=15)
STAFF_CODE = re.compile(r"[0-9A-Za-z_-]{1,32}")
WRONG_CREDENTIALS = "工号或密码错误"

S = m.Staff.__table__
# Checked against when the code is unknown, so that a wrong code takes as long as a wrong password.
_DUMMY_HASH = hash_password("not a password")


class StaffDirectory:
    def __init__(self, ctx: HallContext) -> None:
        self._ctx = ctx

    def add(
        self, *, code: str, name: str, role: str, password: str, conn: Connection | None = None
    ) -> StaffMember:
        code = code.strip()
        if not STAFF_CODE.fullmatch(code):
            raise InvalidInput(
                "工号只能包含字母、数字、下划线或短横线（1到32位）", code="invalid_code"
            )
        name = name.strip()
        if not 1 <= len(name) <= 50:
            raise InvalidInput("姓名须为1到50个字", code="invalid_name")
        try:
            staff_role = Role(role)
        except ValueError:
            raise InvalidInput(
                "岗位只能是引导员(guide)、业务受理员(clerk)或值班长(lead)", code="invalid_role"
            ) from None
        password_hash = _checked_hash(password)
        if conn is None:
            with self._ctx.database.write() as own:
                member = self._insert(own, code, name, staff_role, password_hash)
            self._ctx.events.emit(SetupChanged("staff"))
            return member
        return self._insert(conn, code, name, staff_role, password_hash)

    def _insert(
        self, conn: Connection, code: str, name: str, role: Role, password_hash: str
    ) -> StaffMember:
        taken = conn.execute(
            select(S.c.id).where(S.c.hall_id == self._ctx.hall_id, S.c.code == code)
        ).scalar()
        if taken is not None:
            raise Conflict(f"工号 {code} 已被使用", code="code_taken")
        conn.execute(
            insert(S).values(
                hall_id=self._ctx.hall_id,
                code=code,
                name=name,
                role=role.value,
                password_hash=password_hash,
                active=True,
                failed_signins=0,
                created_at=self._ctx.now(),
            )
        )
        return StaffMember(code=code, name=name, role=role, active=True, locked_until=None)

    def authenticate(self, code: str, password: str) -> Row[Any]:
        """The staff row for a correct code and password; AuthError otherwise.

        The slow hash check runs outside any write transaction; only the outcome is written.
        """
        ctx = self._ctx
        with ctx.database.read() as conn:
            row = conn.execute(
                select(S).where(S.c.hall_id == ctx.hall_id, S.c.code == code.strip())
            ).one_or_none()
        if row is None:
            verify_password(password, _DUMMY_HASH)
            raise AuthError(WRONG_CREDENTIALS, code="wrong_credentials")
        now = ctx.now()
        if row.locked_until is not None and row.locked_until > now:
            until = row.locked_until.astimezone(ctx.zone)
            raise AuthError(
                f"密码错误次数过多，账号已锁定至 {until:%H:%M}，请稍后再试或请值班长解锁",
                code="locked",
            )
        if not row.active:
            raise AuthError("该账号已停用，请联系值班长", code="inactive")
        if verify_password(password, row.password_hash):
            if row.failed_signins or row.locked_until is not None:
                with ctx.database.write() as conn:
                    conn.execute(
                        update(S)
                        .where(S.c.id == row.id)
                        .values(failed_signins=0, locked_until=None)
                    )
            return row
        with ctx.database.write() as conn:
            failures = conn.execute(
                update(S)
                .where(S.c.id == row.id)
                .values(failed_signins=S.c.failed_signins + 1)
                .returning(S.c.failed_signins)
            ).scalar_one()
            if failures >= MAX_FAILED_SIGNINS:
                conn.execute(
                    update(S)
                    .where(S.c.id == row.id)
                    .values(failed_signins=0, locked_until=now + LOCKOUT)
                )
        if failures >= MAX_FAILED_SIGNINS:
            logger.warning("staff %s locked after %d failed sign-ins", row.code, failures)
            minutes = int(LOCKOUT.total_seconds() // 60)
            raise AuthError(
                f"密码连续错误{MAX_FAILED_SIGNINS}次，账号锁定{minutes}分钟", code="locked"
            )
        left = MAX_FAILED_SIGNINS - failures
        raise AuthError(f"{WRONG_CREDENTIALS}，再错{left}次将锁定账号", code="wrong_credentials")

    def members(self) -> tuple[StaffMember, ...]:
        with self._ctx.database.read() as conn:
            rows = conn.execute(
                select(S).where(S.c.hall_id == self._ctx.hall_id).order_by(S.c.code)
            ).all()
        return tuple(
            StaffMember(
                code=r.code,
                name=r.name,
                role=Role(r.role),
                active=bool(r.active),
                locked_until=r.locked_until,
            )
            for r in rows
        )

    def set_active(self, code: str, active: bool) -> None:
        self._update(code, active=active)

    def reset_password(self, code: str, password: str) -> None:
        self._update(code, password_hash=_checked_hash(password), failed_signins=0)

    def unlock(self, code: str) -> None:
        self._update(code, failed_signins=0, locked_until=None)

    def _update(self, code: str, **values: object) -> None:
        with self._ctx.database.write() as conn:
            changed = conn.execute(
                update(S).where(S.c.hall_id == self._ctx.hall_id, S.c.code == code).values(**values)
            ).rowcount
        if not changed:
            raise NotFound(f"没有工号为 {code} 的员工", code="staff_not_found")
        self._ctx.events.emit(SetupChanged("staff"))


def _checked_hash(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"密码至少{MIN_PASSWORD_LENGTH}位", code="weak_password")
    return hash_password(password)
