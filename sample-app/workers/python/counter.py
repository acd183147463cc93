# Counts its requests in the worker's KV namespace (counter.toml): Cache.get, Cache.set.


def worker(request):
    count = int(Cache.get("count") or 0) + 1
    Cache.set("count", count)
    response = Response("count " + str(count))
    response.headers["content-type"] = "text/plain"
    return response
