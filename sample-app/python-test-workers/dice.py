# random is imported when the worker is loaded, so it is in the snapshot: the shim reseeds
# it for each request, so each request draws other numbers.
import random


def worker(request):
    return Response(str(random.getrandbits(64)))
