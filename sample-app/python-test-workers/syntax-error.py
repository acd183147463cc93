# A syntax error on line 4: the worker is not served, and the start-up log says where.

def worker(request):
    return Response("never" +)
