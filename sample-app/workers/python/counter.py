# Counts its requests in the worker's KV namespace (counter.toml): Cache.get, Cache.set;
# DELETE resets the count with Cache.delete.


def worker(request):
    if request.method == "DELETE":
        Cache.delete("count")
        response = Response("count deleted")
    else:
        count = int(Cache.get("count") or 0) + 1
        Cache.set("count", count)
        response = Response("count " + str(count))
    response.headers["content-type"] = "text/plain"
    return response
