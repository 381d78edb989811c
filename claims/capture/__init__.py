"""Capturing a source: its text and what its own metadata says, from a paste, an HTML or
PDF file, or a URL (`extract`, `fetch`), and the one function that writes it (`store`).
"""
