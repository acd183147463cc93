"""A small pure-Python library, loaded by python/libs.py from a mounted folder."""

import re

__all__ = ["slugify", "word_count"]


def slugify(text):
    """Lower-case words joined by hyphens: "Hello, World!" -> "hello-world"."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def word_count(text):
    """The number of words in the text."""
    return len(re.findall(r"\w+", text))
