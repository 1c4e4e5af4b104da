-- Change patches (BHTB) with their screening class: green / yellow from the stored screening result
-- (docs/screening.md), or unscreened while no run has screened the patch yet. Red comes with verification (cases).
WITH bounds AS (
    SELECT ST_TileEnvelope($1, $2, $3) AS tile, ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096) AS area
), features AS (
    SELECT t.jcbh, coalesce(r.class, 'unscreened') AS class, coalesce(array_to_string(r.tags, ','), '') AS tags,
           t.spatial_code, t.area_m2::float8 AS area_m2,
           ST_AsMVTGeom(t.geom_3857, b.tile, 4096, 64, true) AS geom
    FROM bounds b
    CROSS JOIN LATERAL gb_tiles.bhtb_in(b.area, $4) k
    JOIN bhtb t ON t.county_code = k.county_code AND t.year = $4 AND t.fid = k.fid
    LEFT JOIN screening_result r ON r.county_code = t.county_code AND r.year = t.year AND r.fid = t.fid
)
SELECT coalesce((SELECT ST_AsMVT(f, 'bhtb', 4096, 'geom' ORDER BY f.jcbh) FROM features f WHERE f.geom IS NOT NULL), ''::bytea)
