"""Stage 1 — reading: files and bytes become lines with provenance."""
