"""The tabs of the selected assessment (dashboard, objectives, action plan, compare, details).

Each tab's view is built when the tab is first shown, so the window opens without building a
chart (or importing matplotlib) the user may never look at. A view takes the selected assessment
through ``set_assessment(id, final)``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget


class LazyTab(QWidget):
    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.factory = factory
        self.view: Any = None
        self._assessment: tuple[uuid.UUID | None, bool] = (None, False)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def build(self) -> Any:
        if self.view is None:
            self.view = self.factory()
            self._layout.addWidget(self.view)
            self.view.set_assessment(*self._assessment)
        return self.view

    def set_assessment(self, assessment_id: uuid.UUID | None, final: bool) -> None:
        self._assessment = (assessment_id, final)
        if self.view is not None:
            self.view.set_assessment(assessment_id, final)

    def showEvent(self, event: QShowEvent) -> None:
        self.build()
        super().showEvent(event)


class AssessmentTabs(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assessmentTabs")
        self.setDocumentMode(True)
        self.lazy: dict[str, LazyTab] = {}

    def add_view(self, name: str, title: str, factory: Callable[[], QWidget]) -> LazyTab:
        tab = LazyTab(factory)
        tab.setObjectName(f"{name}Tab")
        self.insertTab(len(self.lazy), tab, title)  # the views come before the details tab
        self.lazy[name] = tab
        return tab

    def view(self, name: str) -> Any:
        """The view of a tab, built now if it was not yet (for menus and tests)."""
        return self.lazy[name].build()

    def show_view(self, name: str) -> Any:
        self.setCurrentWidget(self.lazy[name])
        return self.view(name)

    def set_assessment(self, assessment_id: uuid.UUID | None, final: bool) -> None:
        for tab in self.lazy.values():
            tab.set_assessment(assessment_id, final)

    def current_name(self) -> str | None:
        return next((n for n, t in self.lazy.items() if t is self.currentWidget()), None)
