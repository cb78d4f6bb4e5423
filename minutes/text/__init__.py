"""Text: normalization, the vocabulary (data/fa/*.toml) and number words. Imports nothing above it."""
