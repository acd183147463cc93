# Its memory limit (small-memory.toml) is below what CPython needs: every request fails.


def worker(request):
    return Response("never")
