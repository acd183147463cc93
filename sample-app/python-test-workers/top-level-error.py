# Module-level code runs once, when the worker is loaded: this one fails on line 4.
LIMITS = {"small": 10}

DEFAULT_LIMIT = int(LIMITS["medium"])


def worker(request):
    return Response(str(DEFAULT_LIMIT))
