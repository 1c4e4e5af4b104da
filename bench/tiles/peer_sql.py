"""The peer: a psql script running each tile's SQL inside PostgreSQL as the web role with the caller's region, timed
per tile with clock_timestamp(). Args: tile SQL folder, tile list, year, region. Output rows: layer,z,x,y,bytes,ms."""
import sys

folder, listing, year, region = sys.argv[1:5]
layers = ["admin", "dltb", "yjjbnt", "gbznt", "pzyd", "bhtb"]
print("SET ROLE gengbao_web;")
print(f"SELECT set_config('gengbao.region', '{region}', false) \\g /dev/null")
print("CREATE TEMP TABLE bench_tile (n serial, layer text, z int, x int, y int);")
print("CREATE TEMP TABLE bench_result (n int, bytes int, ms float8);")
print("COPY bench_tile (layer, z, x, y) FROM STDIN (FORMAT csv);")
for line in open(listing, encoding="utf-8"):
    print(line.strip())
print("\\.")
print("DO $bench$ DECLARE t record; b bytea; t0 timestamptz; q text; BEGIN")
print("  FOR t IN SELECT * FROM bench_tile ORDER BY n LOOP")
print("    q := CASE t.layer")
for layer in layers:
    sql = open(f"{folder}/{layer}.tile.query.sql", encoding="utf-8").read()
    print(f"      WHEN '{layer}' THEN $sql${sql}$sql$")
print("    END;")
print("    t0 := clock_timestamp();")
print(f"    EXECUTE q INTO b USING t.z, t.x, t.y, {int(year)};")
print("    INSERT INTO bench_result VALUES (t.n, coalesce(length(b), 0), extract(epoch FROM clock_timestamp() - t0) * 1000);")
print("  END LOOP; END $bench$;")
print("SELECT t.layer, t.z, t.x, t.y, r.bytes, round(r.ms::numeric, 2) FROM bench_tile t JOIN bench_result r USING (n) ORDER BY n;")
