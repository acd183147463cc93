# Reads a file of the folder files.toml mounts at /data, which Python sees at /guest/data.
import os


def worker(request):
    with open("/guest/data/message.txt") as file:
        text = file.read()
    entries = sorted(os.listdir("/guest/data"))
    response = Response(text.strip() + "\n" + " ".join(entries))
    response.headers["content-type"] = "text/plain"
    return response
