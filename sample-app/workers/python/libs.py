# Uses a pure-Python library from a mounted folder: libs.toml mounts ../_pylibs at /libs and
# puts it on PYTHONPATH, as wws's python-libs example does.
from urllib.parse import parse_qs, urlsplit

from textkit import slugify, word_count


def worker(request):
    query = parse_qs(urlsplit(request.url).query)
    title = query.get("title", ["Hello, Python workers on the JVM!"])[0]
    response = Response(slugify(title) + " (" + str(word_count(title)) + " words)")
    response.headers["content-type"] = "text/plain"
    return response
