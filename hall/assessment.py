"""Staff assessment (考核): a score out of 100 and a star level per clerk over a period.

No authoritative weighting exists (domain.md section 7), so the score is the common deduction
sheet (扣分制) with weights the lead can change: every clerk starts at 100 and loses points for
services over their time target, bad ratings, a satisfaction rate under the floor, complaints
against them and pause time beyond the daily allowance; each deduction has a cap. Stars follow
the score (no star below 85), and five stars also need the satisfaction rate (98 % by default).
The figures come from the same period sheet as the daily sheet, so both always agree.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import insert, select, update

from db import models as m
from hall.context import HallContext
from hall.errors import InvalidInput
from hall.reports import Counts, Reports

SETTING_KEY = "assessment_rules"
MAX_PERIOD_DAYS = 366


@dataclass(frozen=True, slots=True)
class AssessmentRules:
    """Weights and thresholds of the score; the defaults are documented in the README."""

    over_target_points: float = 0.5  # per service longer than its target
    over_target_cap: float = 15
    bad_rating_points: float = 2  # per 不满意 or 非常不满意
    bad_rating_cap: float = 30
    satisfaction_floor: float = 0.95  # under it, points per percentage point missing
    satisfaction_points: float = 1
    satisfaction_cap: float = 20
    complaint_points: float = 5  # per complaint against the clerk
    complaint_cap: float = 30
    pause_allowance_min: float = 30  # per day worked
    pause_points: float = 1  # per 10 minutes beyond the allowance
    pause_cap: float = 10
    # The lowest score for one, two, three, four and five stars.
    star_scores: tuple[float, float, float, float, float] = (85, 90, 93, 96, 98)
    five_star_satisfaction: float = 0.98

    def checked(self) -> AssessmentRules:
        for item in fields(self):
            value = getattr(self, item.name)
            values = value if isinstance(value, tuple) else (value,)
            if any(isinstance(v, bool) or not isinstance(v, int | float) for v in values):
                raise InvalidInput("考核参数应为数字", code="invalid_rules")
            if any(not math.isfinite(v) or v < 0 for v in values):
                raise InvalidInput("考核参数不能为负数", code="invalid_rules")
        if len(self.star_scores) != 5 or list(self.star_scores) != sorted(self.star_scores):
            raise InvalidInput("星级分数线应为从一星到五星递增的五个分数", code="invalid_rules")
        if max(self.star_scores) > 100:
            raise InvalidInput("星级分数线不能超过100分", code="invalid_rules")
        if self.satisfaction_floor > 1 or self.five_star_satisfaction > 1:
            raise InvalidInput("满意率应在0到1之间", code="invalid_rules")
        return self


@dataclass(frozen=True, slots=True)
class ClerkAssessment:
    code: str
    name: str
    counts: Counts
    deductions: tuple[tuple[str, float], ...]  # (what, points), only those above zero
    score: float
    stars: int  # 0 to 5

    @property
    def bad_ratings(self) -> int:
        return self.counts.ratings.get(1, 0) + self.counts.ratings.get(2, 0)


@dataclass(frozen=True, slots=True)
class Assessment:
    hall_name: str
    first: date
    last: date
    rules: AssessmentRules
    clerks: tuple[ClerkAssessment, ...]


def score_clerk(code: str, name: str, counts: Counts, rules: AssessmentRules) -> ClerkAssessment:
    bad = counts.ratings.get(1, 0) + counts.ratings.get(2, 0)
    rate = counts.satisfaction
    missing_points = 0.0 if rate is None else max(0.0, rules.satisfaction_floor - rate) * 100
    pause_over_min = max(
        0.0, counts.pause_s / 60 - rules.pause_allowance_min * max(counts.days_worked, 1)
    )
    candidates = (
        (
            f"超时办理 {counts.over_target} 件",
            min(rules.over_target_cap, counts.over_target * rules.over_target_points),
        ),
        (f"不满意评价 {bad} 次", min(rules.bad_rating_cap, bad * rules.bad_rating_points)),
        (
            f"满意率低于 {rules.satisfaction_floor:.0%}",
            min(rules.satisfaction_cap, missing_points * rules.satisfaction_points),
        ),
        (
            f"被投诉 {counts.complaints} 次",
            min(rules.complaint_cap, counts.complaints * rules.complaint_points),
        ),
        (
            f"暂停超出 {pause_over_min:.0f} 分钟",
            min(rules.pause_cap, math.floor(pause_over_min / 10) * rules.pause_points),
        ),
    )
    deductions = tuple((what, round(points, 1)) for what, points in candidates if points > 0)
    score = round(max(0.0, 100 - sum(points for _, points in deductions)), 1)
    return ClerkAssessment(code, name, counts, deductions, score, _stars(score, rate, rules))


def _stars(score: float, rate: float | None, rules: AssessmentRules) -> int:
    stars = sum(1 for threshold in rules.star_scores if score >= threshold)
    if stars == 5 and (rate is None or rate < rules.five_star_satisfaction):
        stars = 4
    return stars


class Assessments:
    def __init__(self, ctx: HallContext, reports: Reports) -> None:
        self._ctx = ctx
        self._reports = reports

    def rules(self) -> AssessmentRules:
        with self._ctx.database.read() as conn:
            stored = conn.execute(
                select(m.HallSetting.value).where(
                    m.HallSetting.hall_id == self._ctx.hall_id, m.HallSetting.key == SETTING_KEY
                )
            ).scalar_one_or_none()
        if stored is None:
            return AssessmentRules()
        return _rules_from(json.loads(stored))

    def set_rules(self, rules: AssessmentRules) -> AssessmentRules:
        checked = rules.checked()
        value = json.dumps(asdict(checked))
        ctx = self._ctx
        key = (m.HallSetting.hall_id == ctx.hall_id, m.HallSetting.key == SETTING_KEY)
        with ctx.database.write() as conn:
            now = ctx.now()
            changed = conn.execute(
                update(m.HallSetting).where(*key).values(value=value, updated_at=now)
            ).rowcount
            if not changed:
                conn.execute(
                    insert(m.HallSetting).values(
                        hall_id=ctx.hall_id, key=SETTING_KEY, value=value, updated_at=now
                    )
                )
        return checked

    def assess(self, first: date, last: date, *, only: str | None = None) -> Assessment:
        if last < first:
            raise InvalidInput("考核期的结束日期不能早于开始日期", code="invalid_period")
        if (last - first).days >= MAX_PERIOD_DAYS:
            raise InvalidInput("考核期不能超过一年", code="invalid_period")
        rules = self.rules()
        sheet = self._reports.period_sheet(first, last)
        clerks = tuple(
            score_clerk(code, sheet.staff_names.get(code, code), counts, rules)
            for code, counts in sheet.by_clerk.items()
            if only is None or code == only
        )
        return Assessment(sheet.hall_name, first, last, rules, clerks)


def _rules_from(values: dict[str, Any]) -> AssessmentRules:
    known = {item.name for item in fields(AssessmentRules)}
    kept = {key: value for key, value in values.items() if key in known}
    if "star_scores" in kept:
        kept["star_scores"] = tuple(kept["star_scores"])
    return AssessmentRules(**kept)
