"""registers-adapter: the suite's single door to the base registers (BRP, KVK, Suwinet, municipal)."""
