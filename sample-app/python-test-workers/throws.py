# The worker raises an exception: the request gets the error page, the log the traceback.


def check_order(order):
    if not order["items"]:
        raise ValueError("order " + str(order["id"]) + " has no items")


def worker(request):
    check_order({"id": 7, "items": []})
    return Response("never")
