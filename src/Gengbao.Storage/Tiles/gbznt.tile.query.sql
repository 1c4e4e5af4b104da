-- High-standard farmland projects (GBZNT).
WITH bounds AS (
    SELECT ST_TileEnvelope($1, $2, $3) AS tile, ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096) AS area
), features AS (
    SELECT t.xmmc, t.jsnd, t.spatial_code, t.area_m2::float8 AS area_m2,
           ST_AsMVTGeom(t.geom_3857, b.tile, 4096, 64, true) AS geom
    FROM bounds b
    CROSS JOIN LATERAL gb_tiles.gbznt_in(b.area, $4) k
    JOIN gbznt t ON t.county_code = k.county_code AND t.year = $4 AND t.fid = k.fid
)
SELECT coalesce((SELECT ST_AsMVT(f, 'gbznt', 4096, 'geom' ORDER BY f.spatial_code) FROM features f WHERE f.geom IS NOT NULL), ''::bytea)
