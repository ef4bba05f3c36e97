"""Use cases on DHR cases (being written)."""


class ReviewUseCases:
    pass
