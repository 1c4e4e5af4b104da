using System.IO.Compression;
using System.Text;
using Gengbao.Exchange.Catalog;
using Gengbao.Exchange.Packages;
using Gengbao.Exchange.Schedule;

namespace Gengbao.Exchange.Tests.Packages;

public sealed class PackageReaderTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("GeoPackage bytes 耕地 ", 500)));

    private static PackageManifest Draft() => new()
    {
        CatalogItem = "land-survey",
        Producer = new PackageProducer(Departments.NaturalResources, "某县自然资源局", "nr-county"),
        Region = "622921",
        Year = 2024,
        CreatedAt = new DateTimeOffset(2025, 1, 10, 8, 0, 0, TimeSpan.Zero),
        Layers = [new PackageLayer("DLTB", "data/land-survey.gpkg", 12, 4522)],
        Files = [],
    };

    private static byte[] Pack()
    {
        using var output = new MemoryStream();
        PackageWriter.Write(output, Draft(), [("data/land-survey.gpkg", new MemoryStream(Data))]);
        return output.ToArray();
    }

    /// <summary>Rewrites a package entry by entry, letting <paramref name="edit"/> change names or bytes.</summary>
    private static byte[] Rewrite(byte[] package, Func<string, byte[], (string Name, byte[] Bytes)?> edit, int? unixMode = null)
    {
        using var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var buffer = new MemoryStream();
                using (var s = entry.Open())
                {
                    s.CopyTo(buffer);
                }
                if (edit(entry.FullName, buffer.ToArray()) is not { } changed)
                {
                    continue;
                }
                var created = target.CreateEntry(changed.Name);
                if (unixMode is { } mode && changed.Name != entry.FullName)
                {
                    created.ExternalAttributes = mode << 16;
                }
                using var t = created.Open();
                t.Write(changed.Bytes);
            }
        }
        return output.ToArray();
    }

    private static PackageManifest Read(byte[] package, Func<string, Stream>? open = null) =>
        PackageReader.Read(new MemoryStream(package), "p.zip", open ?? (_ => Stream.Null));

    [Fact]
    public void APackedPackageVerifiesAndGivesBackItsDataAndManifest()
    {
        var files = new Dictionary<string, MemoryStream>();
        var manifest = Read(Pack(), path => files[path] = new MemoryStream());
        Assert.Equal("land-survey", manifest.CatalogItem);
        Assert.Equal(12, manifest.Layers.Single().FeatureCount);
        Assert.Equal(Data.Length, manifest.Files.Single().Size);
        Assert.Equal(64, manifest.Files.Single().Sm3.Length);
        Assert.Equal(Data, files["data/land-survey.gpkg"].ToArray());
    }

    [Fact]
    public void AnEditedByteIsRefusedNamingTheFileAndChecksum()
    {
        var tampered = Rewrite(Pack(), (name, bytes) =>
        {
            if (name.StartsWith("data/", StringComparison.Ordinal))
            {
                bytes[100] ^= 1;
            }
            return (name, bytes);
        });
        var e = Assert.Throws<PackageException>(() => Read(tampered));
        Assert.Equal("data/land-survey.gpkg", e.Entry);
        Assert.Contains("SM3 checksum mismatch", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEditedManifestIsRefused()
    {
        var tampered = Rewrite(Pack(), (name, bytes) =>
            (name, name == PackageReader.ManifestName ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("622921", "622922", StringComparison.Ordinal)) : bytes));
        var e = Assert.Throws<PackageException>(() => Read(tampered));
        Assert.Equal(PackageReader.ManifestName, e.Entry);
        Assert.Contains("SM3", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileIsRefused()
    {
        var missing = Rewrite(Pack(), (name, bytes) => name.StartsWith("data/", StringComparison.Ordinal) ? null : (name, bytes));
        var e = Assert.Throws<PackageException>(() => Read(missing));
        Assert.Equal("data/land-survey.gpkg", e.Entry);
        Assert.Contains("missing", e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../evil.gpkg")]
    [InlineData("/etc/evil")]
    [InlineData("data/../../evil")]
    [InlineData("C:/evil")]
    [InlineData("data\\..\\evil")]
    public void PathsLeavingTheFolderAreRefusedBeforeAnythingIsWritten(string path)
    {
        var evil = Rewrite(Pack(), (name, bytes) => (name.StartsWith("data/", StringComparison.Ordinal) ? path : name, bytes));
        var opened = 0;
        var e = Assert.Throws<PackageException>(() => Read(evil, _ => { opened++; return Stream.Null; }));
        Assert.Equal(path, e.Entry);
        Assert.Contains("leaves the package folder", e.Reason, StringComparison.Ordinal);
        Assert.Equal(0, opened);
    }

    [Fact]
    public void SymbolicLinksAreRefused()
    {
        var link = Rewrite(Pack(), (name, bytes) => (name.StartsWith("data/", StringComparison.Ordinal) ? "data/link" : name, bytes), unixMode: 0xA1FF);
        var e = Assert.Throws<PackageException>(() => Read(link));
        Assert.Contains("symbolic link", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ZipBombsAreRefusedBeforeExtracting()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var s = zip.CreateEntry("data/zeros", CompressionLevel.Optimal).Open();
            s.Write(new byte[50 * 1024 * 1024]);
        }
        var e = Assert.Throws<PackageException>(() => Read(output.ToArray()));
        Assert.Contains("zip bomb", e.Reason, StringComparison.Ordinal);
        using var many = new MemoryStream();
        using (var zip = new ZipArchive(many, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < 100; i++)
            {
                zip.CreateEntry($"f{i}");
            }
        }
        Assert.Contains("more than the 64", Assert.Throws<PackageException>(() => Read(many.ToArray())).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NotAZipIsRefused() =>
        Assert.Contains("not a readable zip", Assert.Throws<PackageException>(() => Read(Data)).Reason, StringComparison.Ordinal);

    [Fact]
    public void AnnualItemsAreDue30DaysAfterTheUpdateAndMonitoringTwiceAYear()
    {
        var annual = DeliverySchedule.DueDates(SharedCatalog.Find("land-survey")!, 2024, new DateOnly(2025, 3, 1));
        Assert.Equal([("annual", new DateOnly(2025, 3, 31))], annual);
        var monitoring = DeliverySchedule.DueDates(SharedCatalog.Find("farmland-change-monitoring")!, 2024, new DateOnly(2025, 3, 1));
        Assert.Equal([("H1", new DateOnly(2024, 7, 30)), ("H2", new DateOnly(2025, 1, 30))], monitoring);
    }

    [Fact]
    public void TheEvaluationWeighsTimelinessCompletenessQualityAndUse()
    {
        var late = new DueDelivery("a", "622921", 2024, "annual", new DateOnly(2025, 3, 31), new DateTimeOffset(2025, 4, 5, 0, 0, 0, TimeSpan.Zero));
        var onTime = late with { CatalogItem = "b", DeliveredAt = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero) };
        var missing = late with { CatalogItem = "c", DeliveredAt = null };
        var score = ExchangeEvaluation.Score([late, onTime, missing], accepted: 2, refused: 2, used: 1);
        Assert.Equal(10, score.Timeliness);
        Assert.Equal(20, score.Completeness);
        Assert.Equal(12.5, score.Quality);
        Assert.Equal(7.5, score.Use);
        Assert.Equal(50, score.Total);
        Assert.True(missing.IsOverdue(new DateOnly(2025, 4, 1)));
        Assert.False(missing.IsOverdue(new DateOnly(2025, 3, 31)));
    }

    [Fact]
    public void TheCatalogHoldsBothDirectionsOfSeed000()
    {
        Assert.Equal(4, SharedCatalog.Items.Count(i => i.Direction == ExchangeDirection.AgricultureToNaturalResources));
        Assert.True(SharedCatalog.Items.Count(i => i.Direction == ExchangeDirection.NaturalResourcesToAgriculture) >= 4);
        Assert.Equal(Departments.Agriculture, SharedCatalog.Find("land-survey")!.Receiver);
    }
}
