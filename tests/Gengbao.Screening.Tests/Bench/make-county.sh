#!/usr/bin/env bash
# Makes a large screening benchmark GeoPackage by tiling shared/data/sample_S.gpkg: copies of every layer shifted by
# whole county extents inside Gauss-Kruger zone 34 (5 columns x ROWS rows), BHTB only in the first PATCH_COPIES copies.
#   make-county.sh OUT.gpkg [ROWS=3] [PATCH_COPIES=10]   -> 15 copies: 299,955 DLTB, 5,000 BHTB (the "county" size)
#   make-county.sh OUT.gpkg 24 80                        -> 120 copies: 2.4 M DLTB, 40,000 BHTB (the "prefecture" size)
# Areas differ from the sample's (scale varies across the zone), so this file is for speed and memory, not for values.
set -euo pipefail
out="$1"; rows="${2:-3}"; patch_copies="${3:-10}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sample="${SAMPLE:-$here/../../../../shared/data/sample_S.gpkg}"
rm -f "$out"
k=0
for row in $(seq 0 $((rows - 1))); do
  for col in -3 -2 -1 0 1; do
    dx=$((col * 37000)); dy=$((row * 34000))
    for layer in DLTB YJJBNT GBZNT PZYD BHTB; do
      if [ "$layer" = BHTB ] && [ "$k" -ge "$patch_copies" ]; then continue; fi
      case "$layer" in
        DLTB) cols="BSM, TBBH, DLBM, DLMC, ZLDWDM, TBMJ, SJNF" ;;
        YJJBNT) cols="BSM, DLBM, ZLDWDM, TBMJ" ;;
        GBZNT) cols="XMMC, JSND, MJ" ;;
        PZYD) cols="PZWH || '-$k' AS PZWH, PZLX, PZRQ, PZMJ" ;;
        BHTB) cols="JCBH || printf('-%03d', $k) AS JCBH, LY, QSXDL, HSXDL, TBMJ, HSX" ;;
      esac
      ogr2ogr -f GPKG -update -append "$out" "$sample" -nln "$layer" -nlt MULTIPOLYGON -a_srs EPSG:4522 \
        -dialect SQLite -sql "SELECT ST_Translate(geom, $dx, $dy, 0) AS geom, $cols FROM $layer"
    done
    k=$((k + 1))
  done
done
ogrinfo -so -al "$out" | grep -E "Layer name|Feature Count"
