namespace Gengbao.Import.Shapefile;

/// <summary>
/// The sibling files of a .shp, matched by base name and extension ignoring case: archives made on Windows
/// mix "DLTB.SHP" with "DLTB.dbf", and Linux file systems are case-sensitive.
/// </summary>
internal sealed record ShapefileParts(string? Shx, string? Dbf, string? Cpg, string? Prj)
{
    public static ShapefileParts Find(string shpPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(shpPath))!;
        var baseName = Path.GetFileNameWithoutExtension(shpPath);
        var candidates = Directory.EnumerateFiles(folder)
            .Where(f => string.Equals(Path.GetFileNameWithoutExtension(f), baseName, StringComparison.OrdinalIgnoreCase))
            .ToList();

        string? Sibling(string extension)
        {
            var exact = Path.Combine(folder, baseName + extension);
            if (candidates.Contains(exact, StringComparer.Ordinal))
            {
                return exact;
            }
            return candidates
                .Where(f => string.Equals(Path.GetExtension(f), extension, StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .FirstOrDefault();
        }

        return new ShapefileParts(Sibling(".shx"), Sibling(".dbf"), Sibling(".cpg"), Sibling(".prj"));
    }
}
