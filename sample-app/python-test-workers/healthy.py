def worker(request):
    return Response("ok")
