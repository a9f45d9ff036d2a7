"""Clients of the base registers (BRP, KVK, Suwinet, the municipal registration), each configured by settings."""
