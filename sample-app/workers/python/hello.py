# The smallest Python worker: an HTML page, with a header of its own.


def worker(request):
    response = Response("<!DOCTYPE html><html><body><h1>Hello from a Python worker</h1></body></html>")
    response.headers["x-generated-by"] = "wasm-workers-server"
    return response
