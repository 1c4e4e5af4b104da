"""Per layer and zoom: count, cold/warm/peer p50/p95/p99 in ms, mean bytes; then per layer and the totals."""
import sys
from collections import defaultdict

cold_f, warm_f, peer_f, size, load = sys.argv[1:6]


def read(path, ms_col, bytes_col):
    rows = {}
    for line in open(path, encoding="utf-8"):
        f = line.strip().split(",")
        if len(f) < 6:
            continue
        rows[(f[0], int(f[1]), int(f[2]), int(f[3]))] = (float(f[ms_col]), int(f[bytes_col]))
    return rows


cold, warm, peer = read(cold_f, 6, 5), read(warm_f, 6, 5), read(peer_f, 5, 4)


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, max(0, round(p / 100 * len(v) + 0.5) - 1))] if v else float("nan")


def line(name, keys):
    c = [cold[k][0] for k in keys]
    w = [warm[k][0] for k in keys]
    p = [peer[k][0] for k in keys if k in peer]
    b = [cold[k][1] for k in keys]
    return (f"{name:<14} {len(keys):>5}  cold {pct(c, 50):7.1f} {pct(c, 95):7.1f} {pct(c, 99):7.1f}"
            f"  warm {pct(w, 50):6.1f} {pct(w, 95):6.1f} {pct(w, 99):6.1f}"
            f"  peer {pct(p, 50):7.1f} {pct(p, 95):7.1f} {pct(p, 99):7.1f}  bytes {sum(b) / max(1, len(b)):9.0f} max {max(b, default=0):8d}")


groups = defaultdict(list)
for k in cold:
    groups[(k[0], k[1])].append(k)
print(f"{'layer z':<14} {'n':>5}  cold p50/p95/p99 ms      warm p50/p95/p99     peer (PostGIS) p50/p95/p99   mean bytes")
layers = []
for layer, z in sorted(groups, key=lambda g: (["admin", "dltb", "yjjbnt", "gbznt", "pzyd", "bhtb"].index(g[0]), g[1])):
    if layer not in layers:
        layers.append(layer)
    print(line(f"{layer} {z}", groups[(layer, z)]))
print()
for layer in layers:
    print(line(layer, [k for k in cold if k[0] == layer]))
for z in sorted({k[1] for k in cold}):
    print(line(f"z {z}", [k for k in cold if k[1] == z]))
allk = list(cold)
print(line("all", allk))
c = [cold[k][0] for k in allk]
p = [peer[k][0] for k in allk if k in peer]
print(f"tiles, demo prefecture of {int(size):,} patches a year: {len(allk)} tiles (6 layers, z 8-16, 1366x768 around each county); "
      f"cold p50/p95/p99 {pct(c, 50):.1f}/{pct(c, 95):.1f}/{pct(c, 99):.1f} ms, "
      f"warm p95 {pct([warm[k][0] for k in allk], 95):.1f} ms, PostGIS alone p95 {pct(p, 95):.1f} ms "
      f"(cold/PostGIS p95 {pct(c, 95) / pct(p, 95):.2f}x); load average {load}")
