# Allocates until memory runs out: CPython raises MemoryError at the memory cap.


def worker(request):
    blocks = []
    while True:
        blocks.append(bytearray(1024 * 1024))
