# A binary answer: a bytes body is sent base64-encoded and decoded by the server.
import base64

# A 1x1 transparent PNG.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def worker(request):
    response = Response(PIXEL)
    response.headers["content-type"] = "image/png"
    return response
