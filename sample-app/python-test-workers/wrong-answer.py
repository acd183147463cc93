# Answers a string instead of a Response.


def worker(request):
    return "not a Response"
