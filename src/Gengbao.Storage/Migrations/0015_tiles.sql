-- Vector tiles read a Web Mercator (EPSG:3857) copy of each one-map geometry, computed once when a row is written
-- instead of ST_Transform per row per tile request (the largest share of a tile's time: docs/benchmarks.md, Tiles).
-- Generated columns, so every writer (imports, restore, exchange) keeps them right without knowing about tiles; the
-- GiST index lets the tile envelope filter in 3857 directly. Tables stay keyed by county code as before.
ALTER TABLE admin_unit ADD COLUMN geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom_4490, 3857)) STORED;
ALTER TABLE dltb ADD COLUMN geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom_4490, 3857)) STORED;
ALTER TABLE yjjbnt ADD COLUMN geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom_4490, 3857)) STORED;
ALTER TABLE gbznt ADD COLUMN geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom_4490, 3857)) STORED;
ALTER TABLE pzyd ADD COLUMN geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom_4490, 3857)) STORED;
ALTER TABLE bhtb ADD COLUMN geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom_4490, 3857)) STORED;
CREATE INDEX admin_unit_geom_3857 ON admin_unit USING gist (geom_3857);
CREATE INDEX dltb_geom_3857 ON dltb USING gist (geom_3857);
CREATE INDEX yjjbnt_geom_3857 ON yjjbnt USING gist (geom_3857);
CREATE INDEX gbznt_geom_3857 ON gbznt USING gist (geom_3857);
CREATE INDEX pzyd_geom_3857 ON pzyd USING gist (geom_3857);
CREATE INDEX bhtb_geom_3857 ON bhtb USING gist (geom_3857);

-- The tile SQL runs as the request role under row-level security, and there PostgreSQL may use an index only for
-- leakproof operators: PostGIS's && is not, so the GiST index was never used and every tile scanned the whole year
-- of the layer (EXPLAIN ANALYZE: Bitmap Index Scan on dltb_pkey (year = $4), 40,341 rows filtered for 10 drawn).
-- These functions find the rows of one year whose geom_3857 overlaps a tile envelope by the GiST index, as the owner,
-- and return only their keys, already narrowed to the caller's region by the same gb_security.in_scope the policies
-- use (it reads the session's gengbao.region, which SECURITY DEFINER keeps). The tile SQL joins the keys back to the
-- table by its primary key (text and integer equality are leakproof), so the policies still decide every row and
-- column drawn; the functions add speed, not visibility.
CREATE SCHEMA gb_tiles;
CREATE FUNCTION gb_tiles.admin_unit_in(area geometry, yr int, max_level int) RETURNS TABLE (county_code text, code text)
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE ROWS 200 SET search_path = public, pg_temp AS $$
    SELECT t.county_code, t.code FROM admin_unit t
    WHERE t.year = yr AND t.level <= max_level AND t.geom_3857 && area AND gb_security.in_scope(t.county_code, t.code)
$$;
CREATE FUNCTION gb_tiles.dltb_in(area geometry, yr int) RETURNS TABLE (county_code text, fid bigint)
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE ROWS 200 SET search_path = public, pg_temp AS $$
    SELECT t.county_code, t.fid FROM dltb t
    WHERE t.year = yr AND t.geom_3857 && area AND gb_security.in_scope(t.county_code, t.zldwdm)
$$;
CREATE FUNCTION gb_tiles.yjjbnt_in(area geometry, yr int) RETURNS TABLE (county_code text, fid bigint)
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE ROWS 200 SET search_path = public, pg_temp AS $$
    SELECT t.county_code, t.fid FROM yjjbnt t
    WHERE t.year = yr AND t.geom_3857 && area AND gb_security.in_scope(t.county_code, t.zldwdm)
$$;
CREATE FUNCTION gb_tiles.gbznt_in(area geometry, yr int) RETURNS TABLE (county_code text, fid bigint)
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE ROWS 200 SET search_path = public, pg_temp AS $$
    SELECT t.county_code, t.fid FROM gbznt t
    WHERE t.year = yr AND t.geom_3857 && area AND gb_security.in_scope(t.county_code)
$$;
CREATE FUNCTION gb_tiles.pzyd_in(area geometry, yr int) RETURNS TABLE (county_code text, fid bigint)
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE ROWS 200 SET search_path = public, pg_temp AS $$
    SELECT t.county_code, t.fid FROM pzyd t
    WHERE t.year = yr AND t.geom_3857 && area AND gb_security.in_scope(t.county_code)
$$;
CREATE FUNCTION gb_tiles.bhtb_in(area geometry, yr int) RETURNS TABLE (county_code text, fid bigint)
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE ROWS 200 SET search_path = public, pg_temp AS $$
    SELECT t.county_code, t.fid FROM bhtb t
    WHERE t.year = yr AND t.geom_3857 && area AND gb_security.in_scope(t.county_code)
$$;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA gb_tiles FROM PUBLIC;
GRANT USAGE ON SCHEMA gb_tiles TO gengbao_web, gengbao_public;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA gb_tiles TO gengbao_web, gengbao_public;
