"""The CLI for an assessment's life: new, answer, next-cycle, finalise, reopen, delete.

Commands that create an assessment print its id last on stdout (a human line on stderr before
it), so scripts can capture it: ``ID=$(imsdesk new --organisation Acme)``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import replace

from imsdesk import services
from imsdesk.cli.commands import open_catalog, open_db
from imsdesk.errors import InvalidInput
from imsdesk.scoring import rules
from imsdesk.services import AnswerInput, AnswerRecord, AssessmentRecord, NewAssessment
from imsdesk.services.start import SCOPES
from imsdesk.storage.models import MATURITY_MAX, MATURITY_MIN

ID_HELP = "the assessment id (or its first characters)"
KEEP = "-"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; use YYYY-MM-DD") from None


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    new = sub.add_parser(
        "new",
        parents=[common],
        help="start an assessment (creating the organisation and site when new); prints its id",
    )
    new.add_argument(
        "--organisation",
        metavar="NAME",
        required=True,
        help="the client; an existing organisation of that name is reused",
    )
    new.add_argument("--site", metavar="NAME", help="a site of the organisation (optional)")
    new.add_argument("--title", default="", help="default: 'Gap analysis YEAR'")
    new.add_argument(
        "--scope",
        choices=SCOPES,
        default="integrated",
        help="ISO 9001 (qms), ISO 14001 (ems) or both (integrated, the default)",
    )
    new.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="default: today")
    new.add_argument("--target", type=int, default=3, metavar="N", help="target maturity 0-5")
    new.add_argument("--assessor", metavar="NAME", default="")
    new.add_argument(
        "--go-live",
        type=_date,
        metavar="YYYY-MM-DD",
        help="when the management system started to run (Stage 2 needs months of records)",
    )
    new.set_defaults(handler=new_assessment)

    live = sub.add_parser(
        "go-live",
        parents=[common],
        help="record when the assessment's management system started to run",
    )
    live.add_argument("id", metavar="ID", help=ID_HELP)
    live.add_argument("date", metavar="YYYY-MM-DD|none", help="the date, or 'none' to clear it")
    live.set_defaults(handler=go_live)

    answer = sub.add_parser("answer", parents=[common], help="save the answer to one question")
    answer.add_argument("id", metavar="ID", help=ID_HELP)
    answer.add_argument("question", metavar="QUESTION_ID", help="e.g. 9001-4.1-a")
    answer.add_argument(
        "level", metavar="LEVEL", help=f"maturity 0-5, or {KEEP} to keep the stored one"
    )
    answer.add_argument(
        "--na",
        metavar="JUSTIFICATION",
        help=f"not applicable, with the reason why (give {KEEP} as LEVEL)",
    )
    answer.add_argument(
        "--does-not-arise",
        metavar="REASON",
        help=f"a conditional requirement whose situation has not come up, with the reason "
        f"(give {KEEP} as LEVEL)",
    )
    answer.add_argument(
        "--override",
        metavar="FINDING",
        choices=list(OVERRIDES),
        help="your own finding in place of the computed one: major, minor, opportunity or "
        "conforming (with --reason)",
    )
    answer.add_argument("--reason", metavar="TEXT", help="why you override the finding")
    answer.add_argument(
        "--clear-override", action="store_true", help="go back to the computed finding"
    )
    answer.add_argument("--note", metavar="TEXT", help="replace the notes")
    answer.add_argument("--evidence", metavar="TEXT", help="replace the evidence")
    answer.set_defaults(handler=answer_question)

    cycle = sub.add_parser(
        "next-cycle",
        parents=[common],
        help="start next year's assessment from this one (answers carried over); prints its id",
    )
    cycle.add_argument("id", metavar="ID", help=ID_HELP)
    cycle.add_argument("--title", help="default: the title with the year moved on")
    cycle.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="default: today")
    cycle.set_defaults(handler=next_cycle)

    finalise = sub.add_parser("finalise", parents=[common], help="mark final: answers locked")
    finalise.add_argument("id", metavar="ID", help=ID_HELP)
    finalise.set_defaults(handler=status_changer("final"))
    reopen = sub.add_parser("reopen", parents=[common], help="set a final assessment to draft")
    reopen.add_argument("id", metavar="ID", help=ID_HELP)
    reopen.set_defaults(handler=status_changer("draft"))

    delete = sub.add_parser("delete", parents=[common], help="delete an assessment")
    delete.add_argument("id", metavar="ID", help=ID_HELP)
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    delete.set_defaults(handler=delete_assessment)


OVERRIDES = {"major": rules.MAJOR, "minor": rules.MINOR, "opportunity": rules.OPPORTUNITY,
             "conforming": rules.CONFORMING}  # fmt: skip


def _named(record: AssessmentRecord) -> str:
    where = f" ({record.site_name})" if record.site_name else ""
    return f"'{record.title}' of {record.organisation_name}{where}"


def new_assessment(args: argparse.Namespace) -> int:
    catalog = open_catalog(args)
    request = NewAssessment(
        organisation=args.organisation,
        site=args.site,
        title=args.title,
        scope=args.scope,
        date=args.date,
        assessor=args.assessor,
        target_maturity=args.target,
        go_live=args.go_live,
    )
    with open_db(args) as db:
        record = services.start_assessment(db, catalog, request)
    packs = " + ".join(p.pack_id for p in record.packs)
    print(f"Started {_named(record)} on {record.date.isoformat()}: {packs}.", file=sys.stderr)
    print(record.id)
    return 0


def go_live(args: argparse.Namespace) -> int:
    date = None
    if args.date.lower() != "none":
        try:
            date = dt.date.fromisoformat(args.date)
        except ValueError:
            raise InvalidInput(f"{args.date!r} is not a date; use YYYY-MM-DD or none.") from None
    with open_db(args) as db:
        record = services.update_assessment(
            db, services.resolve_assessment_id(db, args.id), go_live=date
        )
    when = record.go_live.isoformat() if record.go_live else "not recorded"
    print(f"Go-live of {_named(record)}: {when}.", file=sys.stderr)
    return 0


def _answer_level(text: str) -> int | None:
    """The LEVEL argument: a maturity, or None for "keep the stored one"."""
    if text == KEEP:
        return None
    if text.isdigit() and MATURITY_MIN <= int(text) <= MATURITY_MAX:
        return int(text)
    raise InvalidInput(
        f"{text!r} is not a maturity level; use {MATURITY_MIN} to {MATURITY_MAX}, or {KEEP} to "
        f"keep the stored one."
    )


def answer_question(args: argparse.Namespace) -> int:
    level = _answer_level(args.level)
    if args.na is not None and level is not None:
        raise InvalidInput(
            f"A question marked not applicable has no maturity; give {KEEP} as LEVEL with --na."
        )
    if args.does_not_arise is not None and (level is not None or args.na is not None):
        raise InvalidInput(
            f"A situation that does not arise has no maturity and is not an exclusion; give "
            f"{KEEP} as LEVEL and no --na with --does-not-arise."
        )
    if args.override and not rules.real_reason(args.reason or ""):
        raise InvalidInput(
            "--override needs --reason with a few words an auditor would accept, e.g. "
            '--reason "records exist but are kept by the customer".'
        )
    if args.reason is not None and not args.override:
        raise InvalidInput("--reason goes with --override FINDING.")
    if args.override and args.clear_override:
        raise InvalidInput("Give either --override or --clear-override, not both.")
    catalog = open_catalog(args)
    with open_db(args) as db:
        assessment_id = services.resolve_assessment_id(db, args.id)
        detail = services.load_assessment(db, assessment_id)
        record = detail.assessment
        scope = services.scope_of(record.packs, catalog)
        if scope.missing:
            raise InvalidInput(scope.warnings()[0])
        question_id = args.question.strip()
        pack = scope.pack_of(question_id)
        if pack is None:
            uses = ", ".join(p.pack_id for p in record.packs)
            raise InvalidInput(
                f"{question_id} is not a question of {_named(record)}, which uses the "
                f"questionnaires {uses}; 'imsdesk questionnaires' lists them."
            )
        if args.na is not None:
            if not pack.question(question_id).na_allowed:
                raise InvalidInput(
                    f"{question_id} cannot be marked not applicable: {pack.standard} requires it "
                    f"of every organisation; give a LEVEL {MATURITY_MIN}-{MATURITY_MAX} instead."
                )
            if not rules.real_reason(args.na):
                raise InvalidInput(
                    f"--na needs a justification of a few words: say why {question_id} does not "
                    f"apply to {record.organisation_name}."
                )
        question = pack.question(question_id)
        if args.does_not_arise is not None:
            if not question.conditional:
                raise InvalidInput(
                    f"{question_id} applies whether or not a particular situation arises; give a "
                    f"LEVEL {MATURITY_MIN}-{MATURITY_MAX} instead."
                )
            if not rules.real_reason(args.does_not_arise):
                raise InvalidInput(
                    f"--does-not-arise needs a reason of a few words: say why the situation has "
                    f"not come up at {record.organisation_name}."
                )
        if (
            args.override
            and question.note_only
            and _finding(args.override) in rules.NONCONFORMITIES
        ):
            raise InvalidInput(
                f"{question_id} reflects a NOTE in the standard, not a requirement: it cannot be "
                f"a nonconformity; override to opportunity or conforming."
            )
        if record.status == "final":
            raise InvalidInput(
                f"{_named(record)} is final; reopen it with 'imsdesk reopen {args.id}' to change "
                f"its answers."
            )
        changed = _changed(detail.answer_for(question_id), question_id, level, args)
        if changed.override_finding and changed.maturity is None:
            raise InvalidInput(
                f"{question_id} has no maturity to judge; answer it with a LEVEL before you "
                f"override its finding."
            )
        saved = services.save_answer(db, assessment_id, changed, catalog)
    print(f"Saved {question_id}: {_describe(saved)}.", file=sys.stderr)
    return 0


def _changed(
    stored: AnswerRecord | None, question_id: str, level: int | None, args: argparse.Namespace
) -> AnswerInput:
    """The stored answer with what the command line gives; fields not given are kept."""
    answer = AnswerInput(question_id)
    if stored is not None:
        answer = AnswerInput(
            question_id,
            maturity=stored.maturity,
            not_applicable=stored.not_applicable,
            justification=stored.justification,
            notes=stored.notes,
            evidence=stored.evidence,
            does_not_arise=stored.does_not_arise,
            override_finding=stored.override_finding,
            override_reason=stored.override_reason,
        )
    if args.na is not None:
        answer = replace(
            answer,
            maturity=None,
            not_applicable=True,
            does_not_arise=False,
            justification=args.na.strip(),
        )
    elif args.does_not_arise is not None:
        answer = replace(
            answer,
            maturity=None,
            not_applicable=False,
            does_not_arise=True,
            justification=args.does_not_arise.strip(),
        )
    elif level is not None:  # a level answers the question: it applies and has arisen after all
        answer = replace(answer, maturity=level, not_applicable=False, does_not_arise=False)
    if answer.maturity is None:  # nothing left to judge
        answer = replace(answer, override_finding=None, override_reason="")
    if args.override:
        answer = replace(
            answer, override_finding=_finding(args.override), override_reason=args.reason.strip()
        )
    elif args.clear_override:
        answer = replace(answer, override_finding=None, override_reason="")
    if args.note is not None:
        answer = replace(answer, notes=args.note)
    if args.evidence is not None:
        answer = replace(answer, evidence=args.evidence)
    return answer


def _finding(short: str) -> str:
    """The finding a command-line word names: "major" -> "likely major"."""
    return OVERRIDES[short]


def _describe(answer: AnswerRecord) -> str:
    if answer.not_applicable:
        return f"not applicable ({answer.justification})"
    if answer.does_not_arise:
        return f"does not arise ({answer.justification})"
    if answer.maturity is None:
        return "no maturity yet"
    if answer.override_finding:
        return (
            f"maturity {answer.maturity}, finding set by the assessor to "
            f"{answer.override_finding} ({answer.override_reason})"
        )
    return f"maturity {answer.maturity}"


def next_cycle(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        source = services.resolve_assessment_id(db, args.id)
        record = services.next_cycle(db, source, title=args.title, date=args.date)
    print(
        f"Started {_named(record)} on {record.date.isoformat()}, continuing the previous cycle; "
        f"{record.answered} answers carried over.",
        file=sys.stderr,
    )
    print(record.id)
    return 0


def status_changer(status: str):
    def change(args: argparse.Namespace) -> int:
        with open_db(args) as db:
            record = services.set_status(db, services.resolve_assessment_id(db, args.id), status)
        state = "final: its answers are locked" if status == "final" else "a draft again"
        print(f"{_named(record)} is {state}.", file=sys.stderr)
        return 0

    return change


def delete_assessment(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        assessment_id = services.resolve_assessment_id(db, args.id)
        record = services.load_assessment(db, assessment_id).assessment
        if not args.yes:
            if not sys.stdin.isatty():
                raise InvalidInput(
                    f"Deleting {_named(record)} cannot be undone here; add --yes to delete it "
                    f"without being asked."
                )
            prompt = (
                f"Delete '{record.title}' of {record.organisation_name} with {record.answered} "
                f"answers? [y/N] "
            )
            print(prompt, end="", file=sys.stderr, flush=True)
            if sys.stdin.readline().strip().lower() not in ("y", "yes"):
                print("Nothing was deleted.", file=sys.stderr)
                return 1
        services.delete_assessment(db, assessment_id)
    print(f"Deleted {_named(record)}.", file=sys.stderr)
    return 0
