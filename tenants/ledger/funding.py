"""Use cases on money (being written)."""


class FundingUseCases:
    pass
