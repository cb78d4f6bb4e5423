"""Parsing: layout, lexer, grammar tree and builder — the document's shape."""
