# Module-level state and a global mutated by each request start afresh for every request:
# always answers "1 1 1".
import sys

count = 0
seen = []


def worker(request):
    global count
    count += 1
    seen.append(request.url)
    sys.modules["__main__"].__dict__.setdefault("extra", []).append(1)
    return Response(str(count) + " " + str(len(seen)) + " " + str(len(extra)))
