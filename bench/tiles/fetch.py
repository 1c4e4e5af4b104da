"""Fetch every tile of the list over one keep-alive connection, one after another, signed in (Bearer token).
Output: layer,z,x,y,status,bytes,ms (ms: request sent to body read)."""
import http.client
import sys
import time
from urllib.parse import urlparse

base, token, listing, _label = sys.argv[1:5]
url = urlparse(base)
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
headers = {"Authorization": f"Bearer {token}"}
for line in open(listing, encoding="utf-8"):
    layer, z, x, y = line.strip().split(",")
    t0 = time.perf_counter()
    conn.request("GET", f"/tiles/{layer}/{z}/{x}/{y}.mvt", headers=headers)
    response = conn.getresponse()
    body = response.read()
    ms = (time.perf_counter() - t0) * 1000
    if response.status not in (200, 204):
        sys.exit(f"{layer}/{z}/{x}/{y}: HTTP {response.status} {body[:200]!r}")
    print(f"{layer},{z},{x},{y},{response.status},{len(body)},{ms:.2f}")
