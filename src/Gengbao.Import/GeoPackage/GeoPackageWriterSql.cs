namespace Gengbao.Import.GeoPackage;

/// <summary>DDL of the GeoPackage core tables (OGC 12-128r18 annex C), written as GDAL writes them.</summary>
internal static class GeoPackageWriterSql
{
    /// <summary>'GPKG' as a big-endian 32-bit integer (§1.1.1.1.1).</summary>
    public const int ApplicationId = 0x47504B47;

    /// <summary>GeoPackage 1.3.x.</summary>
    public const int UserVersion = 10300;

    public const string CreateCoreTables = """
        CREATE TABLE gpkg_spatial_ref_sys (
          srs_name TEXT NOT NULL,
          srs_id INTEGER NOT NULL PRIMARY KEY,
          organization TEXT NOT NULL,
          organization_coordsys_id INTEGER NOT NULL,
          definition TEXT NOT NULL,
          description TEXT);
        CREATE TABLE gpkg_contents (
          table_name TEXT NOT NULL PRIMARY KEY,
          data_type TEXT NOT NULL,
          identifier TEXT UNIQUE,
          description TEXT DEFAULT '',
          last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
          min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
          srs_id INTEGER,
          CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
        CREATE TABLE gpkg_geometry_columns (
          table_name TEXT NOT NULL,
          column_name TEXT NOT NULL,
          geometry_type_name TEXT NOT NULL,
          srs_id INTEGER NOT NULL,
          z TINYINT NOT NULL,
          m TINYINT NOT NULL,
          CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
          CONSTRAINT uk_gc_table_name UNIQUE (table_name),
          CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
          CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
        CREATE TABLE gpkg_extensions (
          table_name TEXT,
          column_name TEXT,
          extension_name TEXT NOT NULL,
          definition TEXT NOT NULL,
          scope TEXT NOT NULL,
          CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
        """;

    public const string InsertSrs = """
        INSERT OR IGNORE INTO gpkg_spatial_ref_sys
          (srs_name, srs_id, organization, organization_coordsys_id, definition, description)
        VALUES ($name, $id, $org, $orgId, $definition, $description)
        """;

    public const string InsertContents = """
        INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
        VALUES ($table, 'features', $table, '', $srs)
        """;

    public const string InsertGeometryColumn = """
        INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m)
        VALUES ($table, 'geom', 'MULTIPOLYGON', $srs, 0, 0)
        """;

    public const string InsertRtreeExtension = """
        INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
        VALUES ($table, 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')
        """;

    public const string UpdateExtent = """
        UPDATE gpkg_contents
        SET min_x = $minx, min_y = $miny, max_x = $maxx, max_y = $maxy,
            last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now')
        WHERE table_name = $table
        """;
}
