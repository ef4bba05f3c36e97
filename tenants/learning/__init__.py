"""Learning across reviews: earlier recommendations read from each tenant's own store, ranked
by similarity in process, and the region's repeated recommendations. Nothing here stores text."""
