"""Every 512-px tile a 1366x768 viewport needs at grid zooms 8-16 around each place, for all six layers.

With the map's 512-px grid (web/src/map/layers.ts), grid tile z/x/y covers the ground of XYZ tile z/x/y, drawn at
512 px: the viewport spans 1366/512 tiles across and 768/512 down. Input: code,lon,lat lines. Output: layer,z,x,y."""
import math
import sys

LAYERS = ["admin", "dltb", "yjjbnt", "gbznt", "pzyd", "bhtb"]
seen = set()
for line in open(sys.argv[1], encoding="utf-8"):
    _, lon, lat = line.strip().split(",")
    lon, lat = float(lon), float(lat)
    for z in range(8, 17):
        n = 2 ** z
        fx = (lon + 180) / 360 * n
        fy = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n
        half_w, half_h = 1366 / 2 / 512, 768 / 2 / 512
        for y in range(math.floor(fy - half_h), math.floor(fy + half_h) + 1):
            for x in range(math.floor(fx - half_w), math.floor(fx + half_w) + 1):
                for layer in LAYERS:
                    key = (layer, z, x, y)
                    if key not in seen:
                        seen.add(key)
                        print(f"{layer},{z},{x},{y}")
