# The worker's environment is exactly the [vars] of vars.toml.
import json
import os


def worker(request):
    response = Response(json.dumps({
        "message": os.getenv("MESSAGE"),
        "environ": dict(sorted(os.environ.items())),
    }))
    response.headers["content-type"] = "application/json"
    return response
