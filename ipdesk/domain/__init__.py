"""Pure Python: record types, rules, wizard flows and text folding. No Qt, no database."""
