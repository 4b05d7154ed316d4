"""The action-plan editor on the demo client: real widgets, real operations, a real database.

Every edit is made as the user makes it (the model's setData, as a delegate calls it, or the
delegate's editor itself) and checked where it must end up: in the database, read again through
a fresh connection.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QBrush, QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMainWindow

from imsdesk import services
from imsdesk.demo import create_demo
from imsdesk.planning import load_library
from imsdesk.planning.generate import remedy_key
from imsdesk.scoring import rules
from imsdesk.services import AnswerInput
from imsdesk.services import plan as plans
from imsdesk.services.scoring import score
from imsdesk.storage import open_database
from imsdesk.ui import msgbox
from imsdesk.ui.ops import Changes, Kind
from imsdesk.ui.plan.actions_filter import UNASSIGNED, UNFINISHED
from imsdesk.ui.plan.actions_model import (
    GENERATED_ROLE,
    OVERDUE_BACK,
    OVERDUE_ROLE,
    Column,
)
from imsdesk.ui.plan.delegates import OptionalDateEdit, StatusCombo
from imsdesk.ui.plan.plan_editor import PlanEditor

DEMO_DATE = dt.date(2026, 3, 10)
TODAY = dt.date(2026, 5, 1)  # the demo's likely majors (due after 30 days) are overdue


@pytest.fixture
def demo(db, catalog):
    record = create_demo(db, catalog, load_library(), today=DEMO_DATE)
    plans.refresh_plan(db, catalog, record.id)
    return record


@pytest.fixture
def editor(qtbot, ctx, demo):
    widget = PlanEditor(ctx)
    widget.model.today = lambda: TODAY
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    widget.set_assessment(demo.id)
    qtbot.waitUntil(lambda: widget.model.rowCount() > 0, timeout=10000)
    return widget


@pytest.fixture
def confirm_yes():
    msgbox.confirm_answer = True
    yield
    msgbox.confirm_answer = False


def stored(db, catalog, assessment_id):
    """The plan's actions by id, read through a new connection to the same file."""
    fresh = open_database(db.path)
    try:
        return {a.id: a for a in plans.load_plan(fresh, catalog, assessment_id).plan.actions}
    finally:
        fresh.close()


def shown(editor: PlanEditor) -> list:
    """The actions in the table's order, as the user sees them (filtered and sorted)."""
    proxy = editor.proxy
    return [
        editor.model.action(proxy.mapToSource(proxy.index(row, 0)).row())
        for row in range(proxy.rowCount())
    ]


def cell(editor: PlanEditor, action_id, column: Column):
    return editor.model.index_of(action_id, column)


def first(editor: PlanEditor, generated: bool = True):
    return next(r.action for r in editor.model.snapshot.rows if r.action.generated == generated)


def edit(qtbot, editor: PlanEditor, action_id, column: Column, value) -> None:
    """An edit as a delegate makes it, waiting until it is saved."""
    with qtbot.waitSignal(editor.ctx.ops.changed, timeout=5000):
        assert editor.model.setData(cell(editor, action_id, column), value)


def choose(combo: QComboBox, value) -> None:
    index = next(i for i in range(combo.count()) if combo.itemData(i) == value)
    combo.setCurrentIndex(index)


# Models ----------------------------------------------------------------------------------------


def test_the_model_and_the_filter_pass_the_model_tester(qtmodeltester, editor):
    assert editor.model.rowCount() == len(editor.model.snapshot.rows) > 50
    qtmodeltester.check(editor.model)
    qtmodeltester.check(editor.proxy)
    choose(editor.status_filter, UNFINISHED)
    editor.overdue_only.setChecked(True)
    qtmodeltester.check(editor.proxy)


def test_rows_follow_the_plan_links_first_then_sections(editor, db, catalog, demo):
    plan = plans.load_plan(db, catalog, demo.id).plan
    expected = [a.id for g in plan.groups for t in g.targets for a in t.actions]
    expected += [a.id for s in plan.sections for a in s.actions]
    assert [a.id for a in shown(editor)] == expected
    model = editor.model
    first_link = plan.groups[0]
    label = model.data(model.index(0, Column.GROUP))
    target = first_link.targets[0].objective
    assert label == f"{target.statement} (for: {first_link.objective.statement})"
    last = model.index(model.rowCount() - 1, Column.GROUP)
    assert model.data(last) == f"{plan.sections[-1].number} {plan.sections[-1].title}"


# Editing in place ------------------------------------------------------------------------------


def test_edits_in_place_are_saved_at_once_and_persist(qtbot, editor, db, catalog, demo):
    action = first(editor)
    edit(qtbot, editor, action.id, Column.OWNER, "  Quality   manager ")
    edit(qtbot, editor, action.id, Column.DUE, QDate(2026, 9, 30))
    edit(qtbot, editor, action.id, Column.STATUS, "in progress")
    edit(qtbot, editor, action.id, Column.TITLE, "Write the risk register with the managers")

    model = editor.model
    assert model.data(cell(editor, action.id, Column.OWNER)) == "Quality manager"
    assert model.data(cell(editor, action.id, Column.DUE)) == "2026-09-30"
    again = stored(db, catalog, demo.id)[action.id]
    assert (again.owner, again.due, again.status, again.title) == (
        "Quality manager",
        dt.date(2026, 9, 30),
        "in progress",
        "Write the risk register with the managers",
    )
    assert {"owner", "due", "status", "title"} <= again.edited


def test_the_date_editor_and_the_status_drop_down_save_from_the_keyboard(
    qtbot, editor, db, catalog, demo
):
    action = first(editor)
    table = editor.table
    editor.select(action.id)
    table.setFocus()
    table.setCurrentIndex(editor.proxy.mapFromSource(cell(editor, action.id, Column.DUE)))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    date_editor = table.findChild(OptionalDateEdit)
    assert date_editor is not None and date_editor.value() == action.due
    date_editor.setDate(QDate(2026, 11, 30))
    with qtbot.waitSignal(editor.ctx.ops.changed, timeout=5000):
        qtbot.keyClick(date_editor, Qt.Key.Key_Return)

    table.setCurrentIndex(editor.proxy.mapFromSource(cell(editor, action.id, Column.STATUS)))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    combo = table.findChild(StatusCombo)
    assert [combo.itemText(i) for i in range(combo.count())] == list(editor.model.statuses)
    assert combo.currentText() == "open"
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # open -> in progress -> done
    with qtbot.waitSignal(editor.ctx.ops.changed, timeout=5000):
        qtbot.keyClick(combo, Qt.Key.Key_Return)

    again = stored(db, catalog, demo.id)[action.id]
    assert (again.due, again.status) == (dt.date(2026, 11, 30), "done")


@pytest.mark.qt_log_ignore("This plugin does not support")  # the owners' completer popup
def test_typing_on_a_cell_edits_it(qtbot, editor, db, catalog, demo):
    action = first(editor)
    table = editor.table
    table.setFocus()
    table.setCurrentIndex(editor.proxy.mapFromSource(cell(editor, action.id, Column.OWNER)))
    qtbot.keyClick(table, "S")  # any key starts editing with it
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit) and line.text() == "S" and line.maxLength() == 200
    qtbot.keyClicks(line, "arah")
    with qtbot.waitSignal(editor.ctx.ops.changed, timeout=5000):
        qtbot.keyClick(line, Qt.Key.Key_Return)
    assert stored(db, catalog, demo.id)[action.id].owner == "Sarah"


def test_insert_and_del_reach_the_table_not_the_window_shortcuts(qtbot, ctx, demo):
    window = QMainWindow()
    qtbot.addWidget(window)
    window_delete = QAction("Delete", window)
    window_delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
    window.addAction(window_delete)
    triggered = []
    window_delete.triggered.connect(lambda: triggered.append(True))
    editor = PlanEditor(ctx)
    window.setCentralWidget(editor)
    window.show()
    editor.set_assessment(demo.id)
    qtbot.waitUntil(lambda: editor.model.rowCount() > 0, timeout=10000)
    editor.select(first(editor).id)
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "comes from a gap" in editor.notice.text(), timeout=5000)
    qtbot.keyClick(editor.table, Qt.Key.Key_Insert)
    assert editor.add_dialog is not None and editor.add_dialog.isVisible()
    editor.add_dialog.reject()
    assert triggered == []
    editor.status_filter.setFocus()  # elsewhere, the window's Del is the window's
    qtbot.keyClick(editor.status_filter, Qt.Key.Key_Delete)
    assert triggered == [True]


def test_del_in_the_date_editor_clears_the_due_date(qtbot, editor, db, catalog, demo):
    action = first(editor)
    table = editor.table
    table.setFocus()
    table.setCurrentIndex(editor.proxy.mapFromSource(cell(editor, action.id, Column.DUE)))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    date_editor = table.findChild(OptionalDateEdit)
    qtbot.keyClick(date_editor, Qt.Key.Key_Delete)
    with qtbot.waitSignal(editor.ctx.ops.changed, timeout=5000):
        qtbot.keyClick(date_editor, Qt.Key.Key_Return)
    assert stored(db, catalog, demo.id)[action.id].due is None
    assert editor.model.data(cell(editor, action.id, Column.DUE)) == ""


def test_a_blank_title_is_refused_without_a_write(editor):
    action = first(editor)
    assert not editor.model.setData(cell(editor, action.id, Column.TITLE), "   ")
    assert editor.notice.text() == "An action needs a title."
    assert editor.ctx.ops.writes_pending == 0
    assert editor.model.data(cell(editor, action.id, Column.TITLE)) == action.title


def test_a_failed_edit_reverts_the_cell_and_says_why(qtbot, editor, db, demo):
    mine = plans.add_action(db, demo.id, "Order spill kits", owner="Stores")
    editor.reload()
    qtbot.waitUntil(lambda: editor.model.row_of(mine.id) is not None)
    plans.delete_action(db, mine.id)  # by someone else, behind the editor's back

    assert editor.model.setData(cell(editor, mine.id, Column.OWNER), "Maintenance")
    assert editor.model.data(cell(editor, mine.id, Column.OWNER)) == "Maintenance"  # at once
    qtbot.waitUntil(lambda: editor.ctx.ops.writes_pending == 0)
    qtbot.waitUntil(lambda: editor.model.data(cell(editor, mine.id, Column.OWNER)) == "Stores")
    assert editor.notice.text() == (
        f"The change was not saved: There is no action with the id {mine.id}."
    )
    assert editor.notice.property("error") is True


def test_an_edited_priority_persists_and_survives_a_refresh(qtbot, editor, db, catalog, demo):
    action = first(editor)
    edit(qtbot, editor, action.id, Column.PRIORITY, 7.5)
    plans.refresh_plan(db, catalog, demo.id)
    assert stored(db, catalog, demo.id)[action.id].priority == 7.5


# Refresh from answers --------------------------------------------------------------------------


def remedies(db, catalog, assessment_id):
    """Question results grouped as the planning rules group them into actions."""
    from imsdesk.planning.generate import topic_key
    from imsdesk.planning.topics import load_topics

    scored = score(db, catalog, assessment_id)
    packs = {p.id: p for p in scored.scope.packs}
    topics = load_topics()
    groups: dict[str, list] = {}
    for result in scored.card.questions:
        question = packs[result.pack_id].question(result.question_id)
        topic = topics.get(question.topic)
        key = (
            topic_key(topic.id)
            if topic is not None and topic.shared
            else remedy_key(result.pack_id, result.clause, question.action)
        )
        groups.setdefault(key, []).append(result)
    return groups


def test_refresh_from_answers_keeps_every_edit_and_says_what_changed(
    qtbot, editor, db, catalog, demo
):
    gaps = {rules.MAJOR, rules.MINOR}
    groups = remedies(db, catalog, demo.id)
    by_key = {r.action.source_key: r.action for r in editor.model.snapshot.rows}
    # A gap to close (its action's only gap) and a conforming question whose remedy has none.
    closing_key = next(
        k for k, rs in groups.items() if k in by_key and sum(r.finding in gaps for r in rs) == 1
    )
    closing = next(r for r in groups[closing_key] if r.finding in gaps)
    opening = next(
        rs[0]
        for k, rs in groups.items()
        if k not in by_key and rs[0].maturity is not None and rs[0].maturity >= 4
    )
    closed_action = by_key[closing_key]
    kept_action = next(a for k, a in by_key.items() if k != closing_key)

    edit(qtbot, editor, closed_action.id, Column.OWNER, "EMS lead")
    edit(qtbot, editor, closed_action.id, Column.TITLE, "Our own words for this action")
    edit(qtbot, editor, closed_action.id, Column.DUE, dt.date(2026, 12, 24))
    edit(qtbot, editor, kept_action.id, Column.STATUS, "in progress")
    edit(qtbot, editor, kept_action.id, Column.OWNER, "Plant manager")

    services.save_answers(
        db,
        demo.id,
        [
            AnswerInput(closing.question_id, maturity=5),
            AnswerInput(opening.question_id, maturity=0),
        ],
        catalog,
    )
    rows_before = editor.model.rowCount()
    qtbot.keyClick(editor, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # the mnemonic
    qtbot.waitUntil(lambda: editor.notice.text().startswith("Brought up to date"), timeout=10000)
    assert editor.notice.text() == (
        "Brought up to date with the answers: 1 added, 1 closed, 0 reopened."
    )
    assert "Closed: Our own words for this action" in editor.notice.toolTip()
    assert "Added: " in editor.notice.toolTip()
    qtbot.waitUntil(lambda: editor.model.rowCount() == rows_before + 1, timeout=10000)

    for actions in (
        {a.id: a for a in (r.action for r in editor.model.snapshot.rows)},
        stored(db, catalog, demo.id),
    ):
        closed, kept = actions[closed_action.id], actions[kept_action.id]
        assert (closed.owner, closed.title, closed.due, closed.status) == (
            "EMS lead",
            "Our own words for this action",
            dt.date(2026, 12, 24),
            "done",
        )
        assert "the answers no longer show this gap" in closed.note
        assert (kept.status, kept.owner) == ("in progress", "Plant manager")

    # The gap comes back: the action reopens, still in the user's words.
    services.save_answers(db, demo.id, [AnswerInput(closing.question_id, maturity=0)], catalog)
    editor.refresh_button.click()
    qtbot.waitUntil(lambda: "1 reopened" in editor.notice.text(), timeout=10000)
    assert "Reopened: Our own words for this action" in editor.notice.toolTip()
    qtbot.waitUntil(
        lambda: editor.model.action(editor.model.row_of(closed_action.id)).status == "open"
    )
    editor.refresh_button.click()
    qtbot.waitUntil(
        lambda: editor.notice.text() == "The plan was already up to date with the answers.",
        timeout=10000,
    )


# Filters and sorting ---------------------------------------------------------------------------


def test_filters_by_status_owner_standard_and_overdue(qtbot, editor, db, catalog, demo):
    model = editor.model
    all_actions = [r.action for r in model.snapshot.rows]
    a, b, c = all_actions[0], all_actions[5], all_actions[7]
    edit(qtbot, editor, a.id, Column.OWNER, "Sarah")
    edit(qtbot, editor, b.id, Column.OWNER, "sarah")
    edit(qtbot, editor, b.id, Column.STATUS, "done")
    edit(qtbot, editor, c.id, Column.OWNER, "")  # generated actions come with an owner role
    total = model.rowCount()

    choose(editor.owner_filter, "Sarah")
    assert {x.id for x in shown(editor)} == {a.id, b.id}  # owners match ignoring case
    choose(editor.status_filter, "done")
    assert [x.id for x in shown(editor)] == [b.id]
    choose(editor.status_filter, UNFINISHED)
    assert [x.id for x in shown(editor)] == [a.id]
    choose(editor.owner_filter, UNASSIGNED)
    assert [x.id for x in shown(editor)] == [c.id]
    assert editor.counts.text().startswith(f"{len(shown(editor))} of {total} actions shown")
    choose(editor.owner_filter, None)
    choose(editor.status_filter, None)
    assert editor.proxy.rowCount() == total

    standards = [editor.standard_filter.itemText(i) for i in range(editor.standard_filter.count())]
    assert standards == ["All", "ISO 14001", "ISO 9001"]
    choose(editor.standard_filter, "ISO 9001")
    serving = [model.row(model.row_of(x.id)).standards for x in shown(editor)]
    assert serving and all("ISO 9001" in s for s in serving)  # integrated actions included
    assert any("ISO 14001" in s for s in serving)
    choose(editor.standard_filter, None)

    editor.overdue_only.setChecked(True)
    overdue = shown(editor)
    expected = [
        x for x in all_actions if x.due and x.due < TODAY and x.status in ("open", "in progress")
    ]
    assert len(overdue) == len(expected) > 0
    assert all(
        editor.proxy.index(row, 0).data(OVERDUE_ROLE) for row in range(editor.proxy.rowCount())
    )
    assert f"{len(expected)} overdue" in editor.counts.text()


def test_overdue_actions_are_highlighted(editor):
    model = editor.model
    overdue = next(r.action for r in model.snapshot.rows if model.is_overdue(r.action))
    on_time = next(r.action for r in model.snapshot.rows if r.action.due and r.action.due >= TODAY)
    due = cell(editor, overdue.id, Column.DUE)
    background = model.data(due, Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QBrush) and background.color() == OVERDUE_BACK
    assert model.data(due, Qt.ItemDataRole.ToolTipRole) == f"Overdue: due {overdue.due}"
    assert model.data(cell(editor, on_time.id, Column.DUE), Qt.ItemDataRole.BackgroundRole) is None


def test_sorting_by_due_date_priority_and_back_to_the_plan(editor):
    table = editor.table
    table.sortByColumn(Column.DUE, Qt.SortOrder.AscendingOrder)
    dues = [a.due for a in shown(editor)]
    dated = [d for d in dues if d is not None]
    assert dated == sorted(dated) and dues[: len(dated)] == dated  # no due date last

    table.sortByColumn(Column.PRIORITY, Qt.SortOrder.DescendingOrder)
    priorities = [a.priority for a in shown(editor)]
    numbers = [p for p in priorities if p is not None]
    assert numbers == sorted(numbers, reverse=True) and numbers[0] > numbers[-1]

    table.sortByColumn(Column.GROUP, Qt.SortOrder.AscendingOrder)
    assert [a.id for a in shown(editor)] == [r.action.id for r in editor.model.snapshot.rows]


# Own actions -----------------------------------------------------------------------------------


def test_insert_adds_an_own_action_and_del_deletes_it(
    qtbot, editor, db, catalog, demo, confirm_yes
):
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Insert)
    dialog = editor.add_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.title.setText("  Book   spill kit training ")
    dialog.owner.setText("EMS lead")
    choose(dialog.standard, "iso14001-2015")
    choose(dialog.clause, "8.2")
    choose(dialog.link, None)  # proposed: the current row's objective link
    dialog.has_due.setChecked(False)
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: editor.current_action() is not None
                    and editor.current_action().title == "Book spill kit training")  # fmt: skip
    mine = editor.current_action()
    assert (mine.owner, mine.pack_id, mine.clause, mine.due, mine.generated) == (
        "EMS lead", "iso14001-2015", "8.2", None, False,
    )  # fmt: skip
    assert editor.model.data(cell(editor, mine.id, Column.GROUP)) == "8 Operation"
    assert editor.model.data(cell(editor, mine.id, Column.FINDING)) == "Own action"
    assert mine.id in stored(db, catalog, demo.id)

    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: editor.model.row_of(mine.id) is None, timeout=5000)
    assert msgbox.shown[-1] == (
        "Delete action",
        "Delete your action 'Book spill kit training'? This cannot be undone.",
    )
    assert editor.notice.text() == "Deleted the action 'Book spill kit training'."
    assert mine.id not in stored(db, catalog, demo.id)


def test_the_add_dialog_shows_a_refusal_inline(qtbot, editor, db, demo):
    from imsdesk.services import objectives

    link_id = editor.model.snapshot.rows[0].group.link_id
    editor.select(editor.model.snapshot.rows[0].action.id)
    editor.add_action()
    dialog = editor.add_dialog
    assert dialog.link.currentData() == str(link_id)  # proposed: the current row's link
    dialog.title.setText("Weigh the skips monthly")
    objectives.unlink(db, link_id)  # meanwhile, elsewhere
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5000)
    assert dialog.error.text() == f"There is no link with the id {link_id}."
    assert dialog.isVisible() and dialog.buttons.isEnabled()
    dialog.reject()


def test_deleting_a_generated_action_is_refused_with_the_reason(qtbot, editor, db, catalog, demo):
    generated = first(editor)
    shown_before = len(msgbox.shown)
    editor.select(generated.id)
    assert editor.proxy.mapToSource(editor.table.currentIndex()).data(GENERATED_ROLE) is True
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "comes from a gap in the answers" in editor.notice.text())
    assert "Set its status to cancelled" in editor.notice.text()
    assert len(msgbox.shown) == shown_before  # no question asked first
    assert editor.model.row_of(generated.id) is not None
    assert generated.id in stored(db, catalog, demo.id)


# Reading ---------------------------------------------------------------------------------------


def test_reads_only_when_shown_and_follows_changes_from_elsewhere(qtbot, ctx, demo, monkeypatch):
    asked = []  # reads asked for, counted when asked (not when a worker gets to them)
    ask = ctx.ops.read

    def counted(fn, *args, **kwargs):
        asked.append(fn)
        return ask(fn, *args, **kwargs)

    monkeypatch.setattr(ctx.ops, "read", counted)
    editor = PlanEditor(ctx)
    qtbot.addWidget(editor)
    editor.set_assessment(demo.id)
    assert asked == [] and editor.model.rowCount() == 0  # hidden: nothing read
    editor.show()
    qtbot.waitUntil(lambda: editor.model.rowCount() > 0, timeout=10000)
    assert len(asked) == 1

    action = first(editor)
    edit(qtbot, editor, action.id, Column.OWNER, "Own edit")  # its own echo: no read
    assert len(asked) == 1

    db = ctx.database()
    with qtbot.waitSignal(ctx.ops.changed, timeout=5000):
        ctx.ops.write(
            lambda: plans.update_action(db, action.id, owner="Set elsewhere"),
            changes=Changes.of(Kind.PLAN, assessment=demo.id),
            initiator=object(),
        )
    assert len(asked) == 2
    qtbot.waitUntil(
        lambda: editor.model.data(cell(editor, action.id, Column.OWNER)) == "Set elsewhere"
    )

    for kind, assessment_id in ((Kind.PLAN, uuid.uuid4()), (Kind.SUMMARY, demo.id)):
        ctx.ops.changed.emit(Changes.of(kind, assessment=assessment_id), object())
    assert len(asked) == 2  # another assessment's plan; a change the plan does not show
    editor.hide()
    ctx.ops.changed.emit(Changes.of(Kind.ANSWERS, assessment=demo.id), object())
    editor.reread()  # the main window's Refresh
    assert len(asked) == 2  # hidden: read when shown again
    with qtbot.waitSignal(editor.model.modelReset, timeout=10000):
        editor.show()
    assert len(asked) == 3  # once for both
    with qtbot.waitSignal(editor.model.modelReset, timeout=10000):
        editor.reread()
    assert len(asked) == 4


def test_a_final_assessment_keeps_its_plan_editable(qtbot, editor, db, catalog, demo):
    services.set_status(db, demo.id, "final")
    editor.set_assessment(demo.id, final=True)
    assert editor.final_note.isVisible()
    assert re.search("answers are locked", editor.final_note.text())
    action = first(editor)
    edit(qtbot, editor, action.id, Column.OWNER, "After the audit")
    assert stored(db, catalog, demo.id)[action.id].owner == "After the audit"
    editor.set_assessment(None)
    assert editor.model.rowCount() == 0 and not editor.final_note.isVisible()
    assert not editor.add_button.isEnabled() and not editor.refresh_button.isEnabled()
