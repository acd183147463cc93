# print() writes to the worker's log, not into the response.
print("prints.py loaded")


def worker(request):
    print("answering " + request.method)
    return Response("printed")
