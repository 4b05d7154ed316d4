"""The CLI for objectives, links, suggestions, actions and the plan."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from imsdesk.cli.commands import open_catalog, open_db, open_library
from imsdesk.errors import InvalidInput
from imsdesk.planning import ACTION_STATUSES, FREQUENCIES, OBJECTIVE_STATUSES
from imsdesk.services import objectives, resolve_assessment_id
from imsdesk.services import plan as plans
from imsdesk.services.ids import resolve_id
from imsdesk.storage.models import Action, Objective, ObjectiveLink

OBJECTIVE_OPTIONS = (
    ("statement", str),
    ("category", str),
    ("kpi", str),
    ("unit", str),
    ("baseline", float),
    ("target", float),
    ("due", dt.date.fromisoformat),
    ("owner", str),
    ("frequency", str),
    ("status", str),
)


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    show = sub.add_parser(
        "plan", parents=[common], help="the action plan, brought up to date with the answers"
    )
    show.add_argument("id", metavar="ID", help="the assessment id (or its first characters)")
    show.add_argument("--json", action="store_true", help="print JSON instead of text")
    show.set_defaults(handler=plan)

    objective = sub.add_parser("objective", parents=[common], help="add, edit or delete objectives")
    verbs = objective.add_subparsers(dest="verb", metavar="VERB", required=True)
    add = verbs.add_parser("add", parents=[common], help="add an objective to an assessment")
    add.add_argument("id", metavar="ID", help="the assessment id")
    add.add_argument("--kind", choices=("quality", "environmental"), required=True)
    _objective_options(add, statement_required=True)
    add.set_defaults(handler=objective_add)
    edit = verbs.add_parser("edit", parents=[common], help="change fields of an objective")
    edit.add_argument("objective", metavar="OBJECTIVE_ID")
    _objective_options(edit, statement_required=False)
    edit.set_defaults(handler=objective_edit)
    delete = verbs.add_parser("delete", parents=[common], help="delete an objective and its links")
    delete.add_argument("objective", metavar="OBJECTIVE_ID")
    delete.set_defaults(handler=objective_delete)

    link = sub.add_parser(
        "link", parents=[common], help="link a quality objective to an environmental one"
    )
    link.add_argument("quality", metavar="QUALITY_OBJECTIVE_ID")
    link.add_argument("environmental", metavar="ENVIRONMENTAL_OBJECTIVE_ID")
    link.add_argument("--rationale", default="", help="why the two belong together")
    link.set_defaults(handler=link_add)
    unlink = sub.add_parser("unlink", parents=[common], help="remove a link")
    unlink.add_argument("link", metavar="LINK_ID")
    unlink.set_defaults(handler=link_remove)

    suggest = sub.add_parser(
        "suggest",
        parents=[common],
        help="environmental targets for a quality objective, from the link library",
    )
    suggest.add_argument("objective", metavar="QUALITY_OBJECTIVE_ID")
    suggest.add_argument("--json", action="store_true")
    suggest.add_argument("--accept", metavar="TEMPLATE", help="create and link this suggestion")
    suggest.add_argument("--baseline", type=float, help="with --accept: today's value")
    suggest.add_argument("--target", type=float, help="with --accept: the target value")
    suggest.add_argument("--due", type=dt.date.fromisoformat, help="with --accept: YYYY-MM-DD")
    suggest.add_argument("--owner", default="")
    suggest.add_argument("--frequency", default="", choices=FREQUENCIES)
    suggest.set_defaults(handler=suggest_targets)

    action = sub.add_parser(
        "action", parents=[common], help="add, edit or delete actions of the plan"
    )
    verbs = action.add_subparsers(dest="verb", metavar="VERB", required=True)
    add = verbs.add_parser("add", parents=[common], help="add your own action")
    add.add_argument("id", metavar="ID", help="the assessment id")
    add.add_argument("--title", required=True)
    add.add_argument("--description", default="")
    add.add_argument("--clause", metavar="QUESTIONNAIRE:CLAUSE", default="")
    add.add_argument("--link", metavar="LINK_ID")
    add.add_argument("--due", type=dt.date.fromisoformat)
    add.add_argument("--owner", default="")
    add.set_defaults(handler=action_add)
    edit = verbs.add_parser("edit", parents=[common], help="change an action")
    edit.add_argument("action", metavar="ACTION_ID")
    edit.add_argument("--title")
    edit.add_argument("--description")
    edit.add_argument("--due", type=dt.date.fromisoformat)
    edit.add_argument("--owner")
    edit.add_argument("--status", choices=ACTION_STATUSES)
    edit.add_argument("--priority", type=float, help="a number from 0 up; higher is more urgent")
    edit.set_defaults(handler=action_edit)
    delete = verbs.add_parser(
        "delete",
        parents=[common],
        help="delete your own action (close a generated one with --status cancelled instead)",
    )
    delete.add_argument("action", metavar="ACTION_ID")
    delete.set_defaults(handler=action_delete)


def _objective_options(parser: argparse.ArgumentParser, *, statement_required: bool) -> None:
    parser.add_argument("--statement", required=statement_required)
    parser.add_argument("--category", help="e.g. delivery, defects, complaints (for suggestions)")
    parser.add_argument("--kpi")
    parser.add_argument("--unit")
    parser.add_argument("--baseline", type=float)
    parser.add_argument("--target", type=float, help="the target value")
    parser.add_argument("--due", type=dt.date.fromisoformat, help="YYYY-MM-DD")
    parser.add_argument("--owner")
    parser.add_argument("--frequency", choices=FREQUENCIES)
    parser.add_argument("--status", choices=OBJECTIVE_STATUSES)


def _objective_changes(args: argparse.Namespace) -> dict[str, object]:
    changes = {}
    for name, _ in OBJECTIVE_OPTIONS:
        value = getattr(args, name, None)
        if value is not None:
            changes["target_value" if name == "target" else name] = value
    return changes


def plan(args: argparse.Namespace) -> int:
    from imsdesk.cli.plan_view import plan_json, plan_text

    catalog = open_catalog(args)
    with open_db(args) as db:
        assessment_id = resolve_assessment_id(db, args.id)
        changes = plans.refresh_plan(db, catalog, assessment_id)
        view = plans.load_plan(db, catalog, assessment_id)
    if args.json:
        print(json.dumps(plan_json(view, changes), indent=2, ensure_ascii=False))
    else:
        print(plan_text(view, changes))
    return 0


def objective_add(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        changes = _objective_changes(args)
        created = objectives.add_objective(
            db,
            resolve_assessment_id(db, args.id),
            objectives.ObjectiveInput(kind=args.kind, **changes),  # type: ignore[arg-type]
        )
    print(f"Added the {created.kind} objective {created.statement!r}.", file=sys.stderr)
    print(created.id)
    return 0


def objective_edit(args: argparse.Namespace) -> int:
    changes = _objective_changes(args)
    if not changes:
        raise InvalidInput("Give at least one field to change, e.g. --owner or --status.")
    with open_db(args) as db:
        oid = resolve_id(db, Objective, args.objective, "objective")
        objectives.update_objective(db, oid, **changes)
    print(f"Objective {oid} updated.", file=sys.stderr)
    return 0


def objective_delete(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        oid = resolve_id(db, Objective, args.objective, "objective")
        objectives.delete_objective(db, oid)
    print(f"Objective {oid} deleted.", file=sys.stderr)
    return 0


def link_add(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        link = objectives.link_objectives(
            db,
            resolve_id(db, Objective, args.quality, "objective"),
            resolve_id(db, Objective, args.environmental, "objective"),
            rationale=args.rationale,
        )
    print(link.id)
    return 0


def link_remove(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        objectives.unlink(db, resolve_id(db, ObjectiveLink, args.link, "link"))
    return 0


def suggest_targets(args: argparse.Namespace) -> int:
    library = open_library(args)
    with open_db(args) as db:
        oid = resolve_id(db, Objective, args.objective, "objective")
        if args.accept:
            missing = [n for n in ("baseline", "target", "due") if getattr(args, n) is None]
            if missing:
                raise InvalidInput(
                    "Accepting a suggestion needs " + ", ".join(f"--{n}" for n in missing) + "."
                )
            target, _ = objectives.accept_suggestion(
                db,
                library,
                oid,
                args.accept,
                baseline=args.baseline,
                target_value=args.target,
                due=args.due,
                owner=args.owner,
                frequency=args.frequency,
            )
            print(f"Linked the environmental target {target.statement!r}.", file=sys.stderr)
            print(target.id)
            return 0
        found = objectives.suggestions(db, library, oid)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "template": s.template.id,
                        "name": s.template.name,
                        "score": s.score,
                        "matched": list(s.matched),
                        "statement": s.template.environmental.statement,
                        "kpi": s.template.environmental.kpi,
                        "unit": s.template.environmental.unit,
                        "direction": s.template.environmental.direction,
                        "rationale": s.template.rationale,
                    }
                    for s in found
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    if not found:
        print("No suggestion fits; set --category or write your own target with 'objective add'.")
    for s in found:
        env = s.template.environmental
        print(f"{s.template.id}: {env.statement} [{env.kpi}, {env.unit}]")
        print(f"    {s.template.rationale}")
    return 0


def action_add(args: argparse.Namespace) -> int:
    pack_id, _, clause = args.clause.partition(":") if args.clause else ("", "", "")
    with open_db(args) as db:
        action = plans.add_action(
            db,
            resolve_assessment_id(db, args.id),
            args.title,
            description=args.description,
            pack_id=pack_id,
            clause=clause,
            link_id=resolve_id(db, ObjectiveLink, args.link, "link") if args.link else None,
            due=args.due,
            owner=args.owner,
        )
    print(action.id)
    return 0


def action_edit(args: argparse.Namespace) -> int:
    changes = {
        name: getattr(args, name)
        for name in ("title", "description", "due", "owner", "status", "priority")
        if getattr(args, name) is not None
    }
    if not changes:
        raise InvalidInput("Give at least one field to change, e.g. --owner or --status.")
    with open_db(args) as db:
        aid = resolve_id(db, Action, args.action, "action")
        plans.update_action(db, aid, **changes)
    print(f"Action {aid} updated.", file=sys.stderr)
    return 0


def action_delete(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        aid = resolve_id(db, Action, args.action, "action")
        deleted = plans.delete_action(db, aid)
    print(f"Action {aid} ({deleted.title!r}) deleted.", file=sys.stderr)
    return 0
