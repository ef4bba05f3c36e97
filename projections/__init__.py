"""Regional read models built only from events, kept in their own store area ("projections").

Events reach them through an outbox relay and kombu (RabbitMQ, or in memory when embedded);
a worker that starts cold or sees a gap reads the tenant's store directly. Every batch of
effects commits together with the position it reached, so each event counts exactly once.
"""
