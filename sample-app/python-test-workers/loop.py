# Spins forever: the run is stopped at its deadline.


def worker(request):
    count = 0
    while True:
        count += 1
