# Defines no worker(request) function.


def handler(request):
    return Response("wrong name")
