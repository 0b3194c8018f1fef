"""One reader per format: bytes (or text) in, `Parsed` blocks out."""
