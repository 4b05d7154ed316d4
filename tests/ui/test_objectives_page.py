"""The objectives and targets page, and the wizard's objectives step: real widgets, real threads,
a real database; what was stored is read back with ``services.plan.load_plan``."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from imsdesk.planning import ENVIRONMENTAL, QUALITY, load_library
from imsdesk.planning.validation import field_problems, objective_problems
from imsdesk.services import objectives
from imsdesk.services.objectives import ObjectiveInput
from imsdesk.services.plan import load_plan
from imsdesk.ui import msgbox
from imsdesk.ui.objectives import data as page_data
from imsdesk.ui.objectives.objectives_model import (
    ID_ROLE,
    INCOMPLETE_ROLE,
    KIND_ROLE,
    NOT_LINKED,
    ItemKind,
    ObjectivesModel,
)
from imsdesk.ui.objectives.objectives_page import ObjectivesPage, changes_for
from imsdesk.ui.objectives.suggestions_model import TEMPLATE_ROLE, SuggestionsModel
from imsdesk.ui.ops import Changes, Kind
from imsdesk.ui.wizard.wizard import CLAUSES, OBJECTIVES, REVIEW

LATER = dt.date(2027, 3, 1)  # after the assessment date of the `assessment` fixture (2026-03-02)


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture
def confirm(monkeypatch):
    """Answer the next questions with yes (headless message boxes return this)."""
    monkeypatch.setattr(msgbox, "confirm_answer", True)
    monkeypatch.setattr(msgbox, "shown", [])
    return msgbox.shown


@pytest.fixture
def page(qtbot, ctx, assessment):
    page = ObjectivesPage(ctx)
    qtbot.addWidget(page)
    page.resize(900, 550)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitActive(page)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.set_assessment(assessment.id)
    return page


def stored(db, catalog, assessment_id):
    return load_plan(db, catalog, assessment_id).plan


def otif(db, assessment, **changes):
    values = dict(
        kind=QUALITY,
        statement="Deliver customer orders on time and in full",
        category="delivery",
        kpi="OTIF deliveries",
        unit="%",
        baseline=94.0,
        target_value=97.0,
        due=LATER,
    )
    return objectives.add_objective(db, assessment.id, ObjectiveInput(**(values | changes)))


def gas_target(db, assessment):
    return objectives.add_objective(
        db,
        assessment.id,
        ObjectiveInput(
            ENVIRONMENTAL, "Cut gas use per m² coated", kpi="Gas per m²", unit="kWh/m²",
            baseline=4.8, target_value=4.3, due=LATER,
        ),
    )  # fmt: skip


def reload(qtbot, page):
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.reload()


def row_of(page, objective_id, link_id=None):
    index = page.model.index_of(objective_id, link_id)
    assert index.isValid(), "the objective is not in the tree"
    return index


def type_into(qtbot, editor: QLineEdit, text: str) -> None:
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def closed(dialog) -> bool:
    """Closed dialogs are deleted."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


# Adding, with the problems next to their fields ---------------------------------------------------


def test_a_new_quality_objective_shows_its_problems_next_to_the_fields(
    qtbot, db, catalog, assessment, page
):
    form = page.form
    qtbot.keyClick(page.tree, Qt.Key.Key_Insert)
    assert form.active and form.objective_id is None and form.kind == QUALITY
    assert focused() is form.editors["statement"]
    qtbot.keyClicks(focused(), "Deliver customer orders on time and in full")
    type_into(qtbot, form.editors["baseline"], "ninety")
    type_into(qtbot, form.editors["target_value"], "97")
    type_into(qtbot, form.editors["due"], "2026-01-31")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    # A number that is not one is caught before anything is sent.
    assert form.problems() == {"baseline": "Enter a number, e.g. 12.5."}
    assert form.boxes["baseline"].error.isVisible()
    assert focused() is form.editors["baseline"]

    type_into(qtbot, form.editors["baseline"], "94,5")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(form.problems()), timeout=10000)
    assert form.problems() == {
        "kpi": "A quality objective must be measurable (ISO 9001 6.2.1 b): it needs a KPI and a "
        "unit.",
        "due": "The due date 2026-01-31 must be after the assessment date 2026-03-02.",
    }
    # The unit shares the KPI's message: outlined, the message shown once.
    assert form.editors["unit"].styleSheet() and not form.boxes["unit"].error.isVisible()
    assert form.boxes["kpi"].error.isVisible() and form.boxes["due"].error.isVisible()
    assert stored(db, catalog, assessment.id).objectives == ()

    type_into(qtbot, form.editors["kpi"], "OTIF deliveries")
    type_into(qtbot, form.editors["unit"], "%")
    type_into(qtbot, form.editors["due"], "2027-03-01")
    with qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert form.problems() == {}
    [objective] = stored(db, catalog, assessment.id).objectives
    assert (objective.kind, objective.statement, objective.kpi, objective.unit) == (
        QUALITY, "Deliver customer orders on time and in full", "OTIF deliveries", "%",
    )  # fmt: skip
    assert (objective.baseline, objective.target_value, objective.due) == (94.5, 97.0, LATER)
    # The new objective is selected and shown, and nothing is left unsaved.
    assert page.current_objective().id == objective.id == form.objective_id
    assert not page.dirty
    assert form.editors["baseline"].text() == "94.5"


def test_a_new_environmental_target_needs_its_numbers(qtbot, db, catalog, assessment, page):
    form = page.form
    qtbot.keyClick(
        page.tree,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert form.kind == ENVIRONMENTAL and "New environmental target" in form.heading.text()
    qtbot.keyClicks(focused(), "Cut gas use per m² coated")
    form.submit()
    qtbot.waitUntil(lambda: bool(form.problems()), timeout=10000)
    message = (
        "An environmental target needs a KPI, a unit, a baseline, a target value and a due date "
        "(the baseline and the target value in the same unit)."
    )
    assert form.problems() == {"kpi": message}
    for name in ("unit", "baseline", "target_value", "due"):
        assert form.editors[name].styleSheet(), f"{name} is not marked"
    assert stored(db, catalog, assessment.id).objectives == ()


# Incomplete until linked ---------------------------------------------------------------------------


def test_a_quality_objective_is_incomplete_until_a_target_is_linked(
    qtbot, db, catalog, assessment, page
):
    quality = otif(db, assessment)
    target = gas_target(db, assessment)
    reload(qtbot, page)
    index = row_of(page, quality.id)
    assert index.data(INCOMPLETE_ROLE) is True
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert NOT_LINKED in index.data(Qt.ItemDataRole.ToolTipRole).lower()
    missing = page.model.index(0, 0, index)
    assert missing.data(KIND_ROLE) == ItemKind.MISSING
    assert NOT_LINKED in missing.data().lower()
    # The target no quality objective links to is listed on its own.
    header = page.model.index(1, 0)
    assert header.data(KIND_ROLE) == ItemKind.UNLINKED_HEADER
    assert page.model.index(0, 0, header).data(ID_ROLE) == target.id

    assert page.select(quality.id)
    assert page.form.notice.isVisible() and NOT_LINKED in page.form.notice.text().lower()
    qtbot.keyClick(
        page.tree,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = page.links.link_dialog
    assert dialog.isVisible() and dialog.chosen() == target.id
    dialog.rationale.setPlainText("Both come down when the oven runs full and on time.")
    with qtbot.waitSignal(page.loaded, timeout=10000):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert closed(dialog)
    plan = stored(db, catalog, assessment.id)
    [link] = plan.links
    assert (link.quality_objective_id, link.environmental_objective_id) == (quality.id, target.id)
    assert link.rationale == "Both come down when the oven runs full and on time."
    assert not plan.groups[0].incomplete
    assert row_of(page, quality.id).data(INCOMPLETE_ROLE) is False
    # The linked target is selected under its quality objective, with the reason shown.
    assert page.current_item().kind == ItemKind.LINKED
    assert "oven runs full" in page.form.link_note.text()
    page.select(quality.id)
    assert not page.form.notice.isVisible()


def test_accepting_a_suggestion_asks_for_the_numbers_and_links_the_target(
    qtbot, db, catalog, assessment, page, library
):
    quality = otif(db, assessment, owner="Logistics")
    reload(qtbot, page)
    page.select(quality.id)
    qtbot.keyClick(
        page.tree,
        Qt.Key.Key_G,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = page.links.suggestions_dialog
    assert dialog.isVisible()
    assert dialog.list.currentIndex().data(TEMPLATE_ROLE) == "delivery-transport"
    assert "Transport emissions per delivery" in dialog.details.text()
    dialog.accept_button.click()  # the one click: it asks for the numbers
    assert dialog.stack.currentIndex() == 1
    assert dialog.focusWidget() is dialog.baseline
    assert dialog.due.text() == LATER.isoformat()  # the quality objective's due date
    assert dialog.owner.text() == "Logistics"
    qtbot.keyClicks(dialog.baseline, "18.4")
    assert "16.56" in dialog.target_value.placeholderText()  # the template's -10 %, a hint only
    dialog.create_button.click()
    qtbot.waitUntil(lambda: bool(dialog.problems()), timeout=10000)
    assert dialog.problems() == {
        "target_value": "An environmental target needs a target value (the baseline and the "
        "target value in the same unit)."
    }
    assert stored(db, catalog, assessment.id).links == ()

    qtbot.keyClicks(dialog.target_value, "16.5")
    with qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.keyClick(dialog.target_value, Qt.Key.Key_Return)
    assert closed(dialog)
    plan = stored(db, catalog, assessment.id)
    template = library.template("delivery-transport")
    [link] = plan.links
    target = next(o for o in plan.objectives if o.id == link.environmental_objective_id)
    assert (target.kind, target.statement, target.kpi, target.unit) == (
        ENVIRONMENTAL, template.environmental.statement, template.environmental.kpi,
        template.environmental.unit,
    )  # fmt: skip
    assert (target.baseline, target.target_value, target.due, target.owner) == (
        18.4, 16.5, LATER, "Logistics",
    )  # fmt: skip
    assert (link.quality_objective_id, link.template_id) == (quality.id, "delivery-transport")
    assert link.rationale == template.rationale
    assert page.current_item().kind == ItemKind.LINKED
    assert page.current_objective().id == target.id

    # Asked again, the accepted suggestion is marked and cannot be taken twice.
    page.select(quality.id)
    dialog = page.links.open_suggestions()
    assert "already linked" in dialog.list.currentIndex().data()
    assert not dialog.accept_button.isEnabled() and not dialog.start_accept()
    dialog.reject()


def test_no_suggestion_fits_then_the_whole_library_can_be_shown(
    qtbot, db, assessment, page, library
):
    quality = objectives.add_objective(
        db,
        assessment.id,
        ObjectiveInput(
            QUALITY, "Happier auditors", kpi="Audit score", unit="points", target_value=9, due=LATER
        ),
    )
    reload(qtbot, page)
    page.select(quality.id)
    dialog = page.links.open_suggestions()
    assert dialog.none.isVisible() and dialog.model.rowCount() == 0
    assert not dialog.accept_button.isEnabled()
    dialog.show_all.setChecked(True)
    assert dialog.model.rowCount() == len(library.templates)
    assert dialog.accept_button.isEnabled()
    dialog.reject()


# Editing and deleting ------------------------------------------------------------------------------


def test_edit_an_objective_and_its_problems_come_back_to_the_form(
    qtbot, db, catalog, assessment, page
):
    quality = otif(db, assessment)
    reload(qtbot, page)
    page.select(quality.id)
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)  # Enter edits
    assert focused() is page.form.editors["statement"]
    type_into(qtbot, page.form.editors["owner"], "Logistics manager")
    page.form.editors["status"].setCurrentText("in progress")
    type_into(qtbot, page.form.editors["target_value"], "94")  # the same as the baseline
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(page.form.problems()), timeout=10000)
    assert page.form.problems() == {
        "target_value": "The target value equals the baseline; a target should change something."
    }
    assert page.dirty
    type_into(qtbot, page.form.editors["target_value"], "98")
    with qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    [saved] = stored(db, catalog, assessment.id).objectives
    assert (saved.owner, saved.status, saved.target_value) == (
        "Logistics manager", "in progress", 98.0,
    )  # fmt: skip
    assert row_of(page, quality.id).siblingAtColumn(1).data() == "94 → 98 %"
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # back to the list
    assert focused() is page.tree


def test_delete_asks_first_and_says_what_happens_to_links_and_actions(
    qtbot, db, catalog, assessment, page, confirm, monkeypatch
):
    from imsdesk.services.plan import add_action

    quality = otif(db, assessment)
    target = gas_target(db, assessment)
    link = objectives.link_objectives(db, quality.id, target.id, rationale="Same oven")
    add_action(db, assessment.id, "Plan full oven loads", link_id=link.id)
    reload(qtbot, page)
    page.select(quality.id)

    monkeypatch.setattr(msgbox, "confirm_answer", False)
    qtbot.keyClick(page.tree, Qt.Key.Key_Delete)
    assert len(stored(db, catalog, assessment.id).objectives) == 2  # kept: the answer was no
    title, question = confirm[-1]
    assert title == "Delete objective"
    assert "1 link(s) are removed" in question and "targets stay" in question
    assert "1 action(s)" in question and "stay in the plan" in question

    monkeypatch.setattr(msgbox, "confirm_answer", True)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.keyClick(page.tree, Qt.Key.Key_Delete)
    plan = stored(db, catalog, assessment.id)
    assert [o.id for o in plan.objectives] == [target.id]
    assert plan.links == () and [a.link_id for a in plan.actions] == [None]
    # The target stays, now listed as not linked.
    assert row_of(page, target.id).parent().data(KIND_ROLE) == ItemKind.UNLINKED_HEADER
    assert not page.model.index_of(quality.id).isValid()


def test_unlink_keeps_both_objectives(qtbot, db, catalog, assessment, page, confirm):
    quality = otif(db, assessment)
    target = gas_target(db, assessment)
    link = objectives.link_objectives(db, quality.id, target.id)
    reload(qtbot, page)
    assert page.select(target.id, link.id)
    assert page.unlink.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.unlink.trigger()
    plan = stored(db, catalog, assessment.id)
    assert plan.links == () and len(plan.objectives) == 2
    assert row_of(page, quality.id).data(INCOMPLETE_ROLE) is True
    # Linked again from the target's side, now listed as not linked.
    assert page.select(target.id)
    assert page.current_item().kind == ItemKind.UNLINKED
    dialog = page.links.open_link_dialog()
    assert dialog.chosen() == quality.id
    with qtbot.waitSignal(page.loaded, timeout=10000):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    [link] = stored(db, catalog, assessment.id).links
    assert (link.quality_objective_id, link.environmental_objective_id) == (quality.id, target.id)
    assert link.rationale == ""  # optional, as in the command line


def test_leaving_unsaved_typing_asks_first(qtbot, db, assessment, page, monkeypatch):
    first = otif(db, assessment)
    second = otif(db, assessment, statement="Fewer customer complaints", category="complaints")
    reload(qtbot, page)
    page.select(first.id)
    type_into(qtbot, page.form.editors["owner"], "Someone")
    monkeypatch.setattr(msgbox, "confirm_answer", False)
    page.tree.setCurrentIndex(row_of(page, second.id))
    assert page.current_objective().id == first.id  # stayed: the typing is kept
    assert page.form.editors["owner"].text() == "Someone"
    monkeypatch.setattr(msgbox, "confirm_answer", True)
    page.tree.setCurrentIndex(row_of(page, second.id))
    assert page.form.objective_id == second.id and not page.dirty


def test_stored_values_that_no_longer_pass_are_shown_where_they_are(
    qtbot, ctx, db, assessment, page
):
    from imsdesk import services

    quality = otif(db, assessment)

    def move_the_date():
        return services.update_assessment(db, assessment.id, date=dt.date(2027, 6, 1))

    with qtbot.waitSignal(page.loaded, timeout=10000):
        ctx.ops.write(
            move_the_date,
            changes=Changes.of(Kind.ASSESSMENT, assessment=assessment.id),
            initiator=object(),
        )
    index = row_of(page, quality.id)
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "must be after the assessment date" in index.data(Qt.ItemDataRole.ToolTipRole)
    page.tree.setFocus()
    page.select(quality.id)
    assert page.form.problems() == {
        "due": "The due date 2027-03-01 must be after the assessment date 2027-06-01."
    }
    assert focused() is page.tree  # shown, not jumped to: the user is moving through the list


# Reading, refreshing, read only ---------------------------------------------------------------------


def test_changes_from_elsewhere_refresh_the_page_and_keep_what_is_typed(
    qtbot, ctx, db, assessment, page
):
    first = otif(db, assessment)
    reload(qtbot, page)
    page.select(first.id)
    type_into(qtbot, page.form.editors["owner"], "Typed, not saved")

    def add():
        return otif(db, assessment, statement="Fewer customer complaints")

    with qtbot.waitSignal(page.loaded, timeout=10000):
        ctx.ops.write(add, changes=changes_for(assessment.id), initiator=object())
    assert page.model.rowCount() == 2
    assert page.current_objective().id == first.id
    assert page.form.editors["owner"].text() == "Typed, not saved" and page.dirty


def test_the_pages_own_writes_are_not_read_twice(qtbot, ctx, assessment, page, monkeypatch):
    page.start_new(QUALITY)
    qtbot.keyClicks(page.form.editors["statement"], "Happier customers")
    for field, value in (("kpi", "Satisfaction score"), ("unit", "points"),
                         ("target_value", "9"), ("due", LATER.isoformat())):  # fmt: skip
        type_into(qtbot, page.form.editors[field], value)
    reloads = []
    read_again = page.reload
    monkeypatch.setattr(page, "reload", lambda select=None: reloads.append(1) or read_again(select))
    with qtbot.waitSignal(ctx.ops.changed, timeout=10000) as changed:
        page.form.submit()
    # Announced to the other views, with the page as the initiator; read back once, by itself.
    assert changed.args == [changes_for(assessment.id), page]
    assert reloads == [1]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)


def test_the_page_reads_only_when_shown(qtbot, ctx, db, assessment):
    otif(db, assessment)
    page = ObjectivesPage(ctx)
    qtbot.addWidget(page)
    page.set_assessment(assessment.id)
    assert page.data is None and page.model.rowCount() == 0
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
    assert page.model.rowCount() == 1


def test_an_empty_page_says_what_to_do(page):
    assert page.model.empty and page.banner.isVisible()
    assert "Insert" in page.banner.text()
    assert not page.suggest.isEnabled() and not page.delete.isEnabled()
    assert page.new_quality.isEnabled() and page.new_target.isEnabled()


def test_a_final_assessment_is_read_only(qtbot, db, catalog, assessment, ctx):
    from imsdesk import services

    quality = otif(db, assessment)
    services.set_status(db, assessment.id, "final")
    page = ObjectivesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.set_assessment(assessment.id, final=True)
    assert "final" in page.banner.text()
    assert not any(
        a.isEnabled() for a in (page.new_quality, page.new_target, page.suggest, page.delete)
    )
    page.select(quality.id)
    assert page.form.editors["statement"].isReadOnly()
    assert not page.form.save_button.isVisible()
    page.start_new(QUALITY)
    assert page.form.objective_id == quality.id  # nothing new on a final assessment


def test_the_page_fits_its_place_in_the_main_window(page):
    hint = page.minimumSizeHint()
    assert hint.width() <= 900 and hint.height() <= 550


def test_every_form_field_has_a_mnemonic(page):
    labels = [label for label in page.form.findChildren(QLabel) if label.buddy() is not None]
    assert len(labels) == len(page.form.editors)
    keys = [label.text()[label.text().index("&") + 1].lower() for label in labels]
    assert len(set(keys)) == len(keys)
    # Not the main window's menus (File Edit Assessment View Help) or tabs (Dashboard Objectives
    # Action plan Compare Details), nor the wizard's Back Next Finish.
    assert not set(keys) & set("feavhdopclbn")


def test_tab_goes_from_the_list_down_the_fields(qtbot, db, assessment, page):
    quality = otif(db, assessment)
    reload(qtbot, page)
    page.select(quality.id)
    page.tree.setFocus()
    visited = []
    for _ in range(len(page.form.editors) + 2):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        visited.append(focused())
    assert visited == [*page.form.editors.values(), page.form.revert_button, page.form.save_button]
    page.form.focus_first()
    qtbot.keyClick(focused(), Qt.Key.Key_Backtab)
    assert focused() is page.tree


# Models --------------------------------------------------------------------------------------------


def test_the_models_pass_the_model_tester(qapp, qtmodeltester, db, catalog, library):
    from imsdesk.demo import create_demo

    record = create_demo(db, catalog, library)
    data = page_data.load_page_data(db, catalog, library, record.id)
    model = ObjectivesModel()
    model.set_data(data)
    qtmodeltester.check(model)
    kinds = {item.kind for item in model.items()}
    assert {ItemKind.QUALITY, ItemKind.LINKED} <= kinds
    suggestions = SuggestionsModel()
    quality = data.plan.groups[0].objective
    suggestions.set_templates(
        [s.template for s in data.suggestions[quality.id]],
        frozenset(link.template_id for link in data.plan.links if link.template_id),
    )
    assert suggestions.rowCount() > 0
    qtmodeltester.check(suggestions)


# The core's field names ----------------------------------------------------------------------------


def test_every_problem_names_the_fields_it_concerns():
    from imsdesk.planning import ObjectiveData

    probe = ObjectiveData(
        id=uuid.uuid4(), kind=ENVIRONMENTAL, statement=" ", status="x", unit="t",
        baseline=3, target_value=3, due=dt.date(2026, 1, 1),
    )  # fmt: skip
    found = field_problems(probe, dt.date(2026, 3, 2))
    assert [p.message for p in found] == objective_problems(probe, dt.date(2026, 3, 2))
    assert [p.fields for p in found] == [
        ("statement",), ("status",), ("kpi",), ("target_value", "baseline"), ("due",),
    ]  # fmt: skip
    assert (page_data.QUALITY, page_data.ENVIRONMENTAL) == (QUALITY, ENVIRONMENTAL)


# The wizard's objectives step ----------------------------------------------------------------------


def open_wizard(qtbot, window, assessment_id):
    window.open_wizard(assessment_id)
    qtbot.waitUntil(lambda: assessment_id in window.wizards, timeout=10000)
    wizard = window.wizards[assessment_id]
    qtbot.waitActive(wizard)
    assert wizard.currentId() == CLAUSES
    return wizard


def test_the_objectives_step_comes_after_the_last_clause(qtbot, db, assessment, main_window):
    quality = otif(db, assessment)
    wizard = open_wizard(qtbot, main_window, assessment.id)
    clauses = wizard.clauses
    clauses.go_to(len(clauses.pages) - 1)
    step = wizard.objectives
    with qtbot.waitSignal(step.page.loaded, timeout=10000):
        qtbot.keyClick(focused(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert wizard.currentId() == OBJECTIVES
    assert row_of(step.page, quality.id).data(INCOMPLETE_ROLE) is True
    qtbot.waitUntil(lambda: focused() is step.page.tree)
    # Enter in the form saves there and does not press Next.
    step.page.select(quality.id)
    qtbot.keyClick(step.page.tree, Qt.Key.Key_Return)
    with qtbot.waitSignal(step.page.loaded, timeout=10000):
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert wizard.currentId() == OBJECTIVES
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # from a field back to the list, not closed
    assert wizard.isVisible() and focused() is step.page.tree
    # Ctrl+PgUp goes back to the last clause, Next comes back, and Next again goes on.
    qtbot.keyClick(focused(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert wizard.currentId() == CLAUSES and clauses.current_row == len(clauses.pages) - 1
    wizard.next()
    assert wizard.currentId() == OBJECTIVES
    wizard.next()
    assert wizard.currentId() == REVIEW
    wizard.close()


def test_the_objectives_step_can_be_skipped(qtbot, assessment, main_window):
    wizard = open_wizard(qtbot, main_window, assessment.id)
    wizard.clauses.go_to(len(wizard.clauses.pages) - 1)
    wizard.next()
    assert wizard.currentId() == OBJECTIVES
    qtbot.waitUntil(lambda: wizard.objectives.page.data is not None, timeout=10000)
    qtbot.keyClick(focused(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert wizard.currentId() == REVIEW
    wizard.close()
