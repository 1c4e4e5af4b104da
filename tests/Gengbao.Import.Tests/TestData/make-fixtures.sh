#!/bin/sh
# Rebuilds the small import fixtures in this folder from the shared sample county (GDAL 3.6 ogr2ogr, python3).
#   dltb-sample.geojson       4 DLTB patches of sample_S.gpkg (EPSG:4522) with Chinese names, a date, a boolean,
#                             and a fifth feature without geometry
#   shp-gbk/DLTB.*            that layer as a GBK shapefile WITHOUT .cpg (DBF language driver 0: nothing definite),
#                             SFJBNT turned into a dBASE logical (L) field
#   shp-utf8/DLTB.*           the same as UTF-8, with a .cpg saying UTF-8
#   shp-bad-number/DLTB.*     shp-gbk with TBMJ of record 2 overwritten by the text "abc"
# Usage: sh make-fixtures.sh [path/to/sample_S.gpkg]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
sample=${1:-/work/shared/data/sample_S.gpkg}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ogr2ogr -f GeoJSON "$work/src.geojson" "$sample" -dialect SQLite -nln DLTB \
  -sql "SELECT * FROM DLTB WHERE DLBM IN ('0102','0103') AND ST_NPoints(geom) < 30 ORDER BY BSM LIMIT 4"

python3 - "$work/src.geojson" "$here/dltb-sample.geojson" <<'PY'
import json, sys
src = json.load(open(sys.argv[1], encoding="utf-8"))
names = ["临夏县土桥镇", "临夏县北塬乡", "临夏县马集镇", "临夏县莲花镇"]
for i, f in enumerate(src["features"]):
    p = f["properties"]
    f["properties"] = {
        "BSM": p["BSM"], "TBBH": p["TBBH"], "DLBM": "0102", "DLMC": "水浇地",
        "ZLDWDM": p["ZLDWDM"], "ZLDWMC": names[i], "TBMJ": p["TBMJ"], "SJNF": p["SJNF"],
        "GXRQ": "2024-05-0%d" % (i + 1), "SFJBNT": i % 2 == 0,
    }
    # Three decimals (millimetres) keep the file small; the source has float noise beyond that.
    def rnd(c):
        return [rnd(x) for x in c] if isinstance(c[0], list) else [round(c[0], 3), round(c[1], 3)]
    f["geometry"]["coordinates"] = rnd(f["geometry"]["coordinates"])
src["features"].append({"type": "Feature", "properties": {
    "BSM": 99, "TBBH": "99", "DLBM": "0103", "DLMC": "旱地", "ZLDWDM": "6229211002010010000",
    "ZLDWMC": "临夏县", "TBMJ": 0.0, "SJNF": 2024, "GXRQ": None, "SFJBNT": None}, "geometry": None})
json.dump(src, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
PY

for d in shp-gbk shp-utf8 shp-bad-number; do rm -rf "${here:?}/$d"; mkdir -p "$here/$d"; done
ogr2ogr -f "ESRI Shapefile" -lco ENCODING=GBK "$here/shp-gbk/DLTB.shp" "$here/dltb-sample.geojson"
rm "$here/shp-gbk/DLTB.cpg"
# GDAL writes booleans as N(1,0); ArcGIS writes dBASE logicals. Make SFJBNT an L field (T/F/? for unset).
python3 - "$here/shp-gbk/DLTB.dbf" <<'PY'
import struct, sys
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
count, = struct.unpack_from("<I", data, 4)
header_len, record_len = struct.unpack_from("<HH", data, 8)
offset, at = 1, 32
while data[at] != 0x0D:
    if data[at:at + 11].split(b"\0")[0] == b"SFJBNT":
        data[at + 11] = ord("L")
        for r in range(count):
            cell = header_len + record_len * r + offset
            data[cell] = {ord("1"): ord("T"), ord("0"): ord("F")}.get(data[cell], ord("?"))
    offset += data[at + 16]
    at += 32
open(path, "wb").write(data)
PY
ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 "$here/shp-utf8/DLTB.shp" "$here/dltb-sample.geojson"
cp "$here"/shp-gbk/DLTB.* "$here/shp-bad-number/"

python3 - "$here/shp-bad-number/DLTB.dbf" <<'PY'
import struct, sys
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
header_len, record_len = struct.unpack_from("<HH", data, 8)
offset, at = 1, 32
while data[at] != 0x0D:
    name = data[at:at + 11].split(b"\0")[0].decode()
    width = data[at + 16]
    if name == "TBMJ":
        break
    offset += width
    at += 32
cell = header_len + record_len * 1 + offset  # record 2
data[cell:cell + width] = b"abc".rjust(width)
open(path, "wb").write(data)
PY
ls -l "$here"/*.geojson "$here"/shp-*
