"""The pages of the flow, in order. A stage appears once its engine service exists."""

from __future__ import annotations

from desktop.pages.base import Page


def page_classes() -> list[type[Page]]:
    from desktop.pages.ad_studio import AdStudioPage
    from desktop.pages.audiences import AudiencesPage
    from desktop.pages.customers import CustomersPage
    from desktop.pages.export_page import ExportPage
    from desktop.pages.import_page import ImportPage
    from desktop.pages.performance import PerformancePage
    from desktop.pages.settings import SettingsPage

    return [
        ImportPage,
        CustomersPage,
        AudiencesPage,
        AdStudioPage,
        PerformancePage,
        ExportPage,
        SettingsPage,
    ]
