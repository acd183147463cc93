# A dynamic route: /python/users/<id>; the segment's value is request.params["id"].


def worker(request):
    response = Response("user " + request.params["id"])
    response.headers["content-type"] = "text/plain"
    return response
