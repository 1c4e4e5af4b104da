using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gengbao.Demo.Tests;

/// <summary>Same options give byte-identical features (geometry blobs and attributes, in fid order); another seed does not.</summary>
public sealed class DeterminismTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("demo-determinism-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void SameOptionsGiveIdenticalFeatures()
    {
        var options = new DemoOptions(Seed: 3, Size: 2500, County: "622901");
        var first = DemoPrefecture.WriteGeoPackages(options, Path.Combine(_directory, "a"));
        var second = DemoPrefecture.WriteGeoPackages(options, Path.Combine(_directory, "b"));
        var other = DemoPrefecture.WriteGeoPackages(options with { Seed = 4 }, Path.Combine(_directory, "c"));

        Assert.Equal(["demo-2023.gpkg", "demo-2024.gpkg"], first.Select(Path.GetFileName));
        for (var year = 0; year < 2; year++)
        {
            var hash = Hash(first[year]);
            Assert.Equal(hash, Hash(second[year]));
            Assert.NotEqual(hash, Hash(other[year]));
        }
    }

    private static string Hash(string path)
    {
        using var gpkg = new DemoGpkg(path);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var table in gpkg.Tables())
        {
            sha.AppendData(Encoding.UTF8.GetBytes(table));
            foreach (var row in gpkg.Rows(table))
            {
                sha.AppendData(BitConverter.GetBytes(row.Fid));
                sha.AppendData(row.Blob);
                foreach (var (name, value) in row.Values.OrderBy(v => v.Key, StringComparer.Ordinal))
                {
                    sha.AppendData(Encoding.UTF8.GetBytes($"{name}={Convert.ToString(value, CultureInfo.InvariantCulture)};"));
                }
            }
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
