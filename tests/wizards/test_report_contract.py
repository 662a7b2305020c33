"""The report builder consumes every wizard outcome (the contract with ipdesk.domain.report)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_each_outcome_becomes_a_report_section(synthetic_services: Any, lang: str) -> None:
    from ipdesk.services.reports.builder import ReportMeta

    wizards = synthetic_services.wizards
    outcomes = [
        wizards.gi_check({"role": "cooperative", "product": "大米", "township_code": "230184100000"}),
        wizards.brand_check({"name": "测试甲", "nice_class": 30, "groups": ("3008",)}),
        wizards.patent_finder({"crop": "水稻", "technique": "harvesting"}),
    ]
    for outcome in outcomes:
        report = synthetic_services.reports.builder.for_outcome(outcome, lang, ReportMeta())
        section = report.sections[0]
        assert section.wizard is not None
        assert section.wizard.outcome_title == outcome.headline(lang)
        assert section.wizard.checklist == [c(lang) for c in outcome.checklist]
        assert section.wizard.questions and section.tables  # answers and the records table
        assert len(section.tables[0].rows) == len(outcome.findings)
