-- Admin units (XZQ): polygons in layer "admin" and one label point per unit in layer "admin_label" (only in the tile
-- that holds the point, so labels are not repeated at tile edges). Finer levels appear as the map zooms in:
-- county (3) always, township (4) from z 9, village (5) from z 12, group (6) from z 15.
WITH bounds AS (
    SELECT ST_TileEnvelope($1, $2, $3) AS tile, ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096) AS area
), units AS (
    SELECT a.code, a.name, a.level, a.spatial_code, a.area_m2, a.geom_3857
    FROM bounds b
    CROSS JOIN LATERAL gb_tiles.admin_unit_in(b.area, $4, CASE WHEN $1 < 9 THEN 3 WHEN $1 < 12 THEN 4 WHEN $1 < 15 THEN 5 ELSE 6 END) k
    JOIN admin_unit a ON a.county_code = k.county_code AND a.year = $4 AND a.code = k.code
), polygons AS (
    SELECT u.code, u.name, u.level, u.spatial_code, u.area_m2::float8 AS area_m2,
           ST_AsMVTGeom(u.geom_3857, b.tile, 4096, 64, true) AS geom
    FROM units u, bounds b
), labels AS (
    SELECT u.code, u.name, u.level,
           ST_AsMVTGeom(ST_PointOnSurface(u.geom_3857), b.tile, 4096, 0, true) AS geom
    FROM units u, bounds b
)
SELECT coalesce((SELECT ST_AsMVT(p, 'admin', 4096, 'geom' ORDER BY p.code) FROM polygons p WHERE p.geom IS NOT NULL), ''::bytea)
    || coalesce((SELECT ST_AsMVT(l, 'admin_label', 4096, 'geom' ORDER BY l.code) FROM labels l WHERE l.geom IS NOT NULL), ''::bytea)
