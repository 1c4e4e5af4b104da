"""The screening of shared/data/anchor_postgis_screen.sql in GeoPandas, as a peer for bench/screen.sh.

Overlaps by spatial join and vectorised intersection; ellipsoidal areas on CGCS2000 with pyproj's Geod (the
geodesic area, as PostGIS geography). Writes jcbh, gd_mj, yjjbnt_mj, gbznt_mj, pzyd_mj, class ordered by jcbh.
"""
import sys

import geopandas as gpd
import pandas as pd
from shapely.ops import unary_union
from pyproj import Geod

path, out = sys.argv[1], sys.argv[2]
geod = Geod(a=6378137.0, rf=298.257222101)


def area(geoms):
    g = gpd.GeoSeries(geoms, crs=bhtb.crs).to_crs(4490)
    return [abs(geod.geometry_area_perimeter(x)[0]) if x is not None and not x.is_empty else 0.0 for x in g]


def overlap(left, right):
    pairs = gpd.sjoin(left[["jcbh", "geometry"]], right[["geometry"]], predicate="intersects", how="inner")
    if pairs.empty:
        return pd.Series(dtype=float)
    # GeoPandas 0.12 / Shapely 1.8 (Debian 12): element-wise intersection of two aligned GeoSeries.
    pieces = gpd.GeoSeries(pairs.geometry.values, crs=right.crs).intersection(gpd.GeoSeries(right.geometry.values[pairs["index_right"].values], crs=right.crs))
    pairs = pairs.assign(a=area(pieces))
    return pairs.groupby("jcbh")["a"].sum()


bhtb = gpd.read_file(path, layer="BHTB")[["JCBH", "geometry"]].rename(columns={"JCBH": "jcbh"})
dltb = gpd.read_file(path, layer="DLTB")
cult = dltb[dltb["DLBM"].isin(["0101", "0102", "0103"])][["geometry"]].reset_index(drop=True)
pbf = gpd.read_file(path, layer="YJJBNT")[["geometry"]]
hs = gpd.read_file(path, layer="GBZNT")[["geometry"]]
pz = gpd.read_file(path, layer="PZYD")[["geometry"]]

patch_area = pd.Series(area(bhtb.geometry.values), index=bhtb["jcbh"])
gd = overlap(bhtb, cult)
yj = overlap(bhtb, pbf)
gb = overlap(bhtb, hs)
# Approvals overlap each other: union those touching each patch, then intersect.
pairs = gpd.sjoin(bhtb, pz, predicate="intersects", how="inner")
unions = pairs.groupby("jcbh")["index_right"].apply(lambda ix: unary_union(list(pz.geometry.values[ix.values])))
patch_geom = bhtb.set_index("jcbh").geometry
pzyd = pd.Series(area(gpd.GeoSeries(patch_geom.loc[unions.index].values).intersection(gpd.GeoSeries(list(unions.values), crs=bhtb.crs))),
                 index=unions.index)

rows = []
for jcbh in sorted(bhtb["jcbh"]):
    a = patch_area[jcbh]
    g, y, h, p = (round(float(s.get(jcbh, 0.0)), 2) for s in (gd, yj, gb, pzyd))
    uncovered = a - float(pzyd.get(jcbh, 0.0))
    cls = "green" if g == 0 or uncovered <= max(1.0, 0.005 * a) else "yellow"
    rows.append((jcbh, f"{g:.2f}", f"{y:.2f}", f"{h:.2f}", f"{p:.2f}", cls))
pd.DataFrame(rows, columns=["jcbh", "gd_mj", "yjjbnt_mj", "gbznt_mj", "pzyd_mj", "class"]).to_csv(out, index=False)
