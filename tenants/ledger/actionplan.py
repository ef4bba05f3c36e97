"""Use cases on recommendations and actions (being written)."""


class ActionPlanUseCases:
    pass
