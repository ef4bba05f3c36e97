"""Every page area's blueprint, in one list: add a module's ``bp`` here to add its pages."""

from __future__ import annotations

from flask import Blueprint

from api.web import (
    actions,
    admin,
    agency_work,
    audit_export,
    auditing,
    case,
    case_steps,
    cases,
    chronology,
    chronology_upload,
    corrections,
    documents,
    downloads,
    imports,
    imr_contacts,
    info,
    learning,
    partnership_money,
    personal_details,
    region_money,
    regional,
    reports,
    research,
    shared_money,
    signin,
    two_clocks,
)

AREAS: list[Blueprint] = [
    signin.bp,
    info.bp,
    learning.bp,
    cases.bp,
    case.bp,
    case_steps.bp,
    actions.bp,
    shared_money.bp,
    region_money.bp,
    partnership_money.bp,
    personal_details.bp,
    downloads.bp,  # issue 15: CSV, XLSX and board papers for the pages
    reports.bp,
    imports.bp,
    corrections.bp,
    two_clocks.bp,
    audit_export.bp,
    regional.bp,
    auditing.bp,
    admin.bp,
    chronology.bp,
    documents.bp,
    chronology_upload.bp,
    research.bp,
    agency_work.bp,
    imr_contacts.bp,
]
