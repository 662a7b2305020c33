"""Signed, resumable, atomic data updates from a static host, a CDN or a USB stick (docs/sync.md).

`manifest` (format and signatures) ← `publisher` (builds a repository) and `client` (fetches and
verifies) → `apply` (one transaction) ; `state` remembers what happened for the window and the CLI.
"""
