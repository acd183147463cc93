# Imports a module that is not there (numpy is not pure Python, and not installed).
import numpy


def worker(request):
    return Response(str(numpy.zeros(3)))
