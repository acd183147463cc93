# Answers the request it got, as JSON: method, URL, headers, body and route parameters.
import json


def worker(request):
    response = Response(json.dumps({
        "method": request.method,
        "url": request.url,
        "headers": request.headers,
        "body": request.body,
        "params": request.params,
    }))
    response.headers["content-type"] = "application/json"
    return response
