"""Python's cyclic garbage collector, run on the GUI thread only.

Left automatic, a collection starts on whichever thread happens to allocate, a reader or the
writer thread among them, and may free Qt objects that belong to the GUI thread there, which
crashes Qt. So the app switches automatic collection off and collects from a timer on the GUI
thread, generation by generation as the thresholds are passed (as qutebrowser does).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class GarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self.timer = QTimer(self, interval=INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        gc.disable()
        self.timer.start()

    def check(self) -> None:
        l0, l1, l2 = gc.get_count()
        if l0 > self.threshold[0]:
            gc.collect(0)
            if l1 > self.threshold[1]:
                gc.collect(1)
                if l2 > self.threshold[2]:
                    gc.collect(2)

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()
