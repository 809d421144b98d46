"""Readers: one per source format, behind a small registry."""
