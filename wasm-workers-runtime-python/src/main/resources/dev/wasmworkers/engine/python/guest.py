"""The wws worker API for Python workers, and what connects it to the server.

The server imports this module once per worker, when it loads the worker: the module
reads the worker's set-up document from stdin, runs the worker's file once and keeps its
``worker`` function. The server then keeps the interpreter's memory as the worker's
snapshot. Each request starts a fresh interpreter from that snapshot and calls
``serve``, which reads the request document from stdin, calls ``worker(request)`` and
writes the response document on stdout.

The worker's file sees ``Request``, ``Response`` and ``Cache`` without importing them,
as in wws.
"""

import base64
import json
import linecache
import os
import sys
import traceback
import types

# The one folder the interpreter sees: the worker's mounted folders are inside it.
GUEST_ROOT = "/guest"


class Request:
    """The HTTP request a worker answers.

    ``method`` is upper case, ``url`` is absolute, ``body`` is the body as text,
    ``headers`` maps lower-case names to values, and ``params`` maps the route's
    dynamic segments (``[id].py``) to their values.
    """

    def __init__(self, document):
        self.method = document.get("method", "GET")
        self.url = document.get("url", "")
        self.body = document.get("body", "")
        self.headers = dict(document.get("headers") or {})
        self.params = dict(document.get("params") or {})


class Response:
    """What a worker answers: a body, a status code and headers, all changeable.

    A ``str`` body is sent as it is; ``bytes`` (or ``bytearray``, ``memoryview``) are
    sent base64-encoded and decoded by the server, so a worker can answer binary data;
    ``None`` is an empty body, and anything else is sent as ``str(body)``.
    """

    def __init__(self, body="", status_code=200, headers=None):
        self.body = body
        self.status_code = status_code
        self.headers = dict(headers) if headers else {}


class Cache:
    """The worker's key/value namespace (``[data.kv]`` in its TOML file).

    Keys and values are strings: ``set`` stores ``str(value)``. The changes are saved
    when the worker answers; a failed request saves nothing.
    """

    _entries = {}

    @staticmethod
    def get(key):
        """The value of a key, or ``None`` when there is none."""
        return Cache._entries.get(str(key))

    @staticmethod
    def set(key, value):
        """Sets a key to ``str(value)``."""
        Cache._entries[str(key)] = str(value)

    @staticmethod
    def delete(key):
        """Removes a key, if it is there."""
        Cache._entries.pop(str(key), None)


def guest_path(path):
    """Where an absolute path of the worker's configuration is seen: under /guest."""
    if not path.startswith("/"):
        return path
    if path == GUEST_ROOT or path.startswith(GUEST_ROOT + "/"):
        return path
    trimmed = path.rstrip("/")
    return GUEST_ROOT + trimmed if trimmed else GUEST_ROOT


def _read_stdin():
    chunks = []
    while True:
        chunk = os.read(0, 65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _write_stdout(data):
    view = memoryview(data)
    while view:
        view = view[os.write(1, view):]


def _describe(error, file_name):
    """One line: the error's type, where it happened in the worker's file, its message."""
    kind = type(error).__name__
    if isinstance(error, SyntaxError):
        where = error.filename or file_name
        if error.lineno:
            where += ":" + str(error.lineno)
            if error.offset:
                where += ":" + str(error.offset)
        return kind + " at " + where + ": " + str(error.msg)
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == file_name:
            line = frame.lineno
    message = str(error)
    if line is not None:
        return kind + " at " + file_name + ":" + str(line) + (": " + message if message else "")
    return kind + (": " + message if message else "")


def _print_traceback(error):
    """Writes the error's traceback, without this module's frames, to stderr."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next
    sys.stderr.write("".join(traceback.format_exception(type(error), error, tb)))
    sys.stderr.flush()


def _load():
    """Runs the worker's file once and returns its ``worker`` function, or None."""
    setup = json.loads(_read_stdin())
    file_name = setup["file"]
    source = setup["source"]
    os.environ.clear()
    os.environ.update(setup["vars"])
    for entry in reversed(os.environ.get("PYTHONPATH", "").split(":")):
        if entry:
            sys.path.insert(0, guest_path(entry))
    linecache.cache[file_name] = (len(source), None, source.splitlines(True), file_name)
    module = types.ModuleType("__main__")
    module.__file__ = file_name
    module.__dict__.update(Request=Request, Response=Response, Cache=Cache)
    sys.modules["__main__"] = module
    stdout = sys.stdout
    sys.stdout = sys.stderr
    try:
        exec(compile(source, file_name, "exec", dont_inherit=True), module.__dict__)
        handler = module.__dict__.get("worker")
        if not callable(handler):
            raise _LoadError("the file defines no worker(request) function")
        return handler
    except _LoadError as error:
        _write_stdout(json.dumps({"error": str(error)}).encode("utf-8"))
    except BaseException as error:
        _print_traceback(error)
        _write_stdout(json.dumps({"error": _describe(error, file_name)}).encode("utf-8"))
    finally:
        sys.stdout = stdout
        sys.stderr.flush()
    return None


class _LoadError(Exception):
    pass


def _encode(response):
    if not isinstance(response, Response):
        raise TypeError("worker(request) returned " + type(response).__name__ + ", not a Response")
    body = response.body
    if isinstance(body, (bytes, bytearray, memoryview)):
        data, encoded = base64.b64encode(bytes(body)).decode("ascii"), True
    else:
        data, encoded = ("" if body is None else str(body)), False
    headers = {str(name): str(value) for name, value in (response.headers or {}).items()}
    document = {"data": data, "headers": headers, "status": int(response.status_code),
                "kv": Cache._entries, "base64": encoded}
    return json.dumps(document).encode("ascii")


def serve():
    """Answers one request: the function the server calls for each request."""
    document = json.loads(_read_stdin())
    Cache._entries = dict(document.get("kv") or {})
    random = sys.modules.get("random")
    if random is not None:
        random.seed()
    stdout = sys.stdout
    sys.stdout = sys.stderr
    try:
        response = _worker(Request(document))
        output = _encode(response)
    except BaseException as error:
        _print_traceback(error)
        raise
    finally:
        sys.stdout = stdout
        sys.stderr.flush()
    _write_stdout(output)


_worker = _load()
