"""decision-api: decisions, beschikkingen, deadlines, work queues, payment orders and loans."""
