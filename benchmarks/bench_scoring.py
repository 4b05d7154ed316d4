"""Scoring the fully answered demo assessment (both packs, 313 questions).

    python benchmarks/bench_scoring.py [ROUNDS]

Target: well under 10 ms per ScoreCard, so the dashboard can rescore on every answer. The
baseline is the least any scorer must do: one weighted mean over the same answers.
"""

from __future__ import annotations

import sys
import time

from imsdesk.catalog import load_catalog
from imsdesk.demo import _answer, demo_data
from imsdesk.scoring import score_assessment


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    catalog = load_catalog()
    packs = [catalog.pack("iso9001-2015"), catalog.pack("iso14001-2015")]
    answers = [_answer(qid, given) for qid, given in demo_data()["answers"].items()]
    weights = {q.id: q.weight for p in packs for q in p.questions}

    def baseline() -> float:
        total = weight = 0.0
        for a in answers:
            if a.maturity is not None:
                total += weights[a.question_id] * a.maturity
                weight += weights[a.question_id]
        return total / weight

    start = time.perf_counter()
    for _ in range(rounds):
        baseline()
    base = (time.perf_counter() - start) / rounds
    start = time.perf_counter()
    for _ in range(rounds):
        score_assessment(packs, answers)
    full = (time.perf_counter() - start) / rounds
    print(f"weighted mean only: {base * 1000:.3f} ms")
    print(f"full ScoreCard:     {full * 1000:.3f} ms  (target: well under 10 ms)")
    print(f"ratio:              {full / base:.0f}")


if __name__ == "__main__":
    main()
