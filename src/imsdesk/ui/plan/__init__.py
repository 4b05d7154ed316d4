"""The action-plan editor: the plan's actions in a table, edited in place (``PlanEditor``)."""
