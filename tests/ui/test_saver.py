from __future__ import annotations

import threading
import time

import pytest

from imsdesk import services
from imsdesk.errors import DatabaseError, InvalidInput
from imsdesk.services import AnswerInput
from imsdesk.ui.ops.saver import AnswerSaver, SaveState


class Recorder:
    """A save function that remembers every batch, on the thread it ran on."""

    def __init__(self, delay: float = 0.0, fail: BaseException | None = None) -> None:
        self.batches: list[list[AnswerInput]] = []
        self.threads: set[str] = set()
        self.delay = delay
        self.fail = fail

    def __call__(self, answers):
        self.threads.add(threading.current_thread().name)
        time.sleep(self.delay)
        if self.fail is not None:
            error, self.fail = self.fail, None
            raise error
        self.batches.append(list(answers))
        return answers


def test_a_maturity_is_saved_at_once_on_the_writer(qtbot, ops, assessment):
    save = Recorder()
    saver = AnswerSaver(ops, assessment.id, save)
    with qtbot.waitSignal(saver.saved):
        saver.put(AnswerInput("9001-4.1-a", maturity=3), immediate=True)
    assert save.batches == [[AnswerInput("9001-4.1-a", maturity=3)]]
    assert save.threads == {"imsdesk-writer"}
    assert saver.state == SaveState.SAVED and saver.idle


def test_typing_waits_for_a_pause_and_the_latest_text_wins(qtbot, ops, assessment):
    save = Recorder()
    saver = AnswerSaver(ops, assessment.id, save, pause_ms=50)
    for n in range(1, 6):
        saver.put(AnswerInput("9001-4.1-a", notes="x" * n), immediate=False)
    assert saver.state == SaveState.SAVING and not saver.idle
    qtbot.waitUntil(lambda: saver.idle)
    assert save.batches == [[AnswerInput("9001-4.1-a", notes="xxxxx")]]


def test_leaving_the_field_saves_without_waiting_for_the_pause(qtbot, ops, assessment):
    save = Recorder()
    saver = AnswerSaver(ops, assessment.id, save, pause_ms=60_000)
    saver.put(AnswerInput("9001-4.1-a", notes="seen"), immediate=False)
    saver.flush()
    qtbot.waitUntil(lambda: saver.idle)
    assert save.batches[0][0].notes == "seen"


def test_saving_while_the_user_keeps_typing_loses_nothing_and_keeps_order(
    qtbot, ops, db, catalog, assessment
):
    """A slow disk: batches take time on the writer while the text keeps changing."""
    batches: list[list[AnswerInput]] = []

    def save(answers):
        time.sleep(0.003)
        batches.append(list(answers))
        return services.save_answers(db, assessment.id, answers, catalog)

    saver = AnswerSaver(ops, assessment.id, save, pause_ms=5)
    text = ""
    for n in range(300):
        text += "abcdefghij"[n % 10]
        saver.put(AnswerInput("9001-4.1-a", maturity=2, notes=text), immediate=False)
        if n % 7 == 0:
            saver.put(AnswerInput("14001-4.1-a", maturity=n % 6), immediate=True)
        if n % 10 == 0:
            qtbot.wait(5)  # the user types on while the event loop delivers results
    assert saver.finish(10_000)
    stored = services.load_assessment(db, assessment.id)
    assert stored.answer_for("9001-4.1-a").notes == text
    assert stored.answer_for("14001-4.1-a").maturity == 294 % 6
    lengths = [a.notes for batch in batches for a in batch if a.question_id == "9001-4.1-a"]
    assert lengths == sorted(lengths, key=len)  # never an older text after a newer one
    assert len(batches) > 3  # it really saved while typing went on


def test_a_failed_save_is_kept_and_tried_again(qtbot, ops, assessment):
    save = Recorder(fail=DatabaseError("The disk holding x is full; free some space."))
    saver = AnswerSaver(ops, assessment.id, save)
    saver._retry.setInterval(20)
    with qtbot.waitSignal(saver.failed) as failed:
        saver.put(AnswerInput("9001-4.1-a", maturity=1), immediate=True)
    assert "disk" in failed.args[0]
    assert saver.state == SaveState.FAILED and saver.has_pending("9001-4.1-a")
    saver.put(AnswerInput("9001-4.2-a", maturity=4), immediate=False)
    qtbot.waitUntil(lambda: saver.idle, timeout=5000)
    saved = {a.question_id: a.maturity for batch in save.batches for a in batch}
    assert saved == {"9001-4.1-a": 1, "9001-4.2-a": 4}
    assert saver.state == SaveState.SAVED


def test_a_newer_value_is_not_overwritten_by_a_failed_older_one(qtbot, ops, assessment):
    release = threading.Event()
    calls: list[list[AnswerInput]] = []

    def save(answers):
        calls.append(list(answers))
        if len(calls) == 1:
            release.wait(5)
            raise DatabaseError("locked")
        return answers

    saver = AnswerSaver(ops, assessment.id, save)
    saver._retry.setInterval(10)
    saver.put(AnswerInput("9001-4.1-a", maturity=1), immediate=True)
    saver.put(AnswerInput("9001-4.1-a", maturity=5), immediate=True)  # while the first fails
    release.set()
    qtbot.waitUntil(lambda: saver.idle, timeout=5000)
    assert calls[-1] == [AnswerInput("9001-4.1-a", maturity=5)]


def test_finish_reports_what_could_not_be_saved(qtbot, ops, assessment):
    saver = AnswerSaver(ops, assessment.id, Recorder(fail=InvalidInput("It is final.")))
    saver.put(AnswerInput("9001-4.1-a", maturity=1), immediate=False)
    assert saver.finish(5000) is False
    assert saver.last_error == "It is final."
    assert saver.has_pending("9001-4.1-a")


@pytest.mark.parametrize("immediate", [True, False])
def test_finish_saves_everything_before_returning(qtbot, ops, db, catalog, assessment, immediate):
    saver = AnswerSaver(
        ops, assessment.id, lambda a: services.save_answers(db, assessment.id, a, catalog)
    )
    saver.put(AnswerInput("9001-4.1-a", maturity=4, evidence="minutes"), immediate=immediate)
    assert saver.finish(5000)
    assert (
        services.load_assessment(db, assessment.id).answer_for("9001-4.1-a").evidence == "minutes"
    )
