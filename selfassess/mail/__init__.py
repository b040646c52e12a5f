"""The one way the service sends email: a door with a durable outbox (see `door`)."""
