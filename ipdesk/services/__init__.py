"""Storage, search, import, reports and sync. No Qt here: the UI layer builds on these."""
