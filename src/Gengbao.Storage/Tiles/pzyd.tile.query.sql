-- Approved construction land (PZYD); approvals may overlap each other.
WITH bounds AS (
    SELECT ST_TileEnvelope($1, $2, $3) AS tile,
           ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096), 4490) AS area
), features AS (
    SELECT t.pzwh, t.pzlx, t.spatial_code, t.area_m2::float8 AS area_m2,
           ST_AsMVTGeom(ST_Transform(t.geom_4490, 3857), b.tile, 4096, 64, true) AS geom
    FROM pzyd t, bounds b
    WHERE t.year = $4 AND t.geom_4490 && b.area
)
SELECT coalesce((SELECT ST_AsMVT(f, 'pzyd', 4096, 'geom') FROM features f WHERE f.geom IS NOT NULL), ''::bytea)
