using System.Text.Json;
using Gengbao.Exchange.Catalog;
using Gengbao.Exchange.Packages;
using Gengbao.Import;
using Gengbao.Import.GeoPackage;
using Gengbao.Import.Quality;
using Gengbao.Security.Access;
using Gengbao.Storage.OneMap;
using Npgsql;
using NpgsqlTypes;
using Org.BouncyCastle.Crypto.Digests;

namespace Gengbao.Storage.Exchange;

/// <summary>
/// Receives an exchange package, by API upload or offline copy, the same way: integrity (zip safety, SM3 of the
/// manifest and every file), then schema (the catalog item's layers and required fields, feature counts as the
/// manifest declares), then quality (<see cref="QualityChecker"/>), then the load: one-map layers through the import
/// path (one transaction, new layer versions), other items as the delivered GeoPackage. Any failure refuses the whole
/// package; every package, accepted or refused, leaves one <c>exchange_delivery</c> row (who, what, when, why).
/// Runs as the owner (like every import) after checking in C# that the package's region lies in the sender's scope.
/// Signatures: the SM2 public keys registered in <c>exchange_department_key</c> plus <see cref="ExtraKeys"/> decide
/// (<see cref="PackageTrust"/>). An accepted delivery's row is written in the same transaction as its data.
/// </summary>
public sealed class DeliveryReceiver(NpgsqlDataSource dataSource)
{
    /// <summary>Public keys to trust besides the registered ones (an offline receive given <c>--key PUB.pem</c>).</summary>
    public IReadOnlyList<TrustedKey> ExtraKeys { get; init; } = [];

    /// <summary>Refuse every unsigned package, not only those of departments with a registered key.</summary>
    public bool RequireSignature { get; init; }

    public async Task<DeliveryOutcome> ReceiveAsync(Stream package, string packageName, string channel, string receivedBy, RegionScope senderScope,
        CancellationToken cancellationToken = default)
    {
        var scratch = Directory.CreateTempSubdirectory("gengbao-delivery-");
        try
        {
            var zipPath = Path.Combine(scratch.FullName, "package.zip");
            string sm3;
            long bytes;
            await using (var copy = File.Create(zipPath))
            {
                (sm3, bytes) = await CopyAsync(package, copy, cancellationToken).ConfigureAwait(false);
            }
            var record = new DeliveryRecord(packageName, channel, sm3, bytes, receivedBy);
            PackageManifest manifest;
            var data = Path.Combine(scratch.FullName, "data");
            var keys = await DepartmentKeys.ListAsync(new Security.OwnerConnections(dataSource), cancellationToken).ConfigureAwait(false);
            var trust = new PackageTrust([.. keys.Select(k => k.Trusted), .. ExtraKeys], RequireSignature);
            TrustedKey? signer;
            try
            {
                await using var zip = File.OpenRead(zipPath);
                (manifest, _, signer) = PackageReader.ReadPackage(zip, packageName, path =>
                {
                    var target = Path.GetFullPath(Path.Combine(data, path));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    return File.Create(target);
                }, trust: trust);
            }
            catch (PackageException e)
            {
                return await RecordAsync(record with { Reason = e.Message }, null, cancellationToken).ConfigureAwait(false);
            }
            record = record with { Manifest = manifest, SignedBy = signer?.Name };
            var item = (await new ExchangeCatalog(dataSource).ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(i => i.Id == manifest.CatalogItem);
            if (item is null)
            {
                return await RecordAsync(record with { Reason = $"{packageName}: catalog item '{manifest.CatalogItem}' is not in the shared catalog" }, null, cancellationToken).ConfigureAwait(false);
            }
            if (!senderScope.Covers(manifest.Region))
            {
                return await RecordAsync(record with { Reason = $"{packageName}: region {manifest.Region} is outside the sender's region '{senderScope}'" }, null, cancellationToken).ConfigureAwait(false);
            }
            var problems = new List<QualityProblem>();
            var files = new Dictionary<string, string>();
            foreach (var catalogLayer in item.Layers)
            {
                if (manifest.Layers.FirstOrDefault(l => string.Equals(l.Name, catalogLayer.Name, StringComparison.OrdinalIgnoreCase)) is not { } declared)
                {
                    return await RecordAsync(record with { Reason = $"{packageName}: missing layer {catalogLayer.Name} that catalog item {item.Id} requires" }, null, cancellationToken).ConfigureAwait(false);
                }
                var file = Path.Combine(data, declared.File);
                files[declared.File] = file;
                IReadOnlyList<Gengbao.Import.Model.SourceLayer> sources;
                try
                {
                    sources = GeoPackageReader.Open(file);
                }
                catch (SourceFileException e)
                {
                    return await RecordAsync(record with { Reason = $"{packageName}: {declared.File}: not a readable GeoPackage: {e.Message}" }, null, cancellationToken).ConfigureAwait(false);
                }
                try
                {
                    if (sources.FirstOrDefault(s => string.Equals(s.Name, catalogLayer.Name, StringComparison.OrdinalIgnoreCase)) is not { } source)
                    {
                        return await RecordAsync(record with { Reason = $"{packageName}: {declared.File}: missing layer {catalogLayer.Name} (the file has {string.Join(", ", sources.Select(s => s.Name))})" }, null, cancellationToken).ConfigureAwait(false);
                    }
                    var missing = catalogLayer.RequiredFields.Where(f => source.FieldIndex(f) < 0).ToList();
                    if (missing.Count > 0)
                    {
                        return await RecordAsync(record with { Reason = $"{packageName}: {declared.File}: schema mismatch: layer {source.Name} lacks field(s) {string.Join(", ", missing)} that catalog item {item.Id} requires" }, null, cancellationToken).ConfigureAwait(false);
                    }
                    var counted = source.FeatureCount ?? source.ReadFeatures().LongCount();
                    if (counted != declared.FeatureCount)
                    {
                        return await RecordAsync(record with { Reason = $"{packageName}: {declared.File}: layer {source.Name} has {counted} features, the manifest declares {declared.FeatureCount}" }, null, cancellationToken).ConfigureAwait(false);
                    }
                    problems.AddRange(QualityChecker.Check(source, QualityOptions.For(catalogLayer.Name), catalogLayer.RequiredFields));
                }
                finally
                {
                    foreach (var s in sources)
                    {
                        s.Dispose();
                    }
                }
            }
            if (problems.Count > 0)
            {
                return await RecordAsync(record with { Reason = $"{packageName}: {problems.Count} quality problem(s): {problems[0]}" }, problems, cancellationToken).ConfigureAwait(false);
            }
            if (!item.OneMapLayers)
            {
                var payload = await File.ReadAllBytesAsync(files.Values.Single(), cancellationToken).ConfigureAwait(false);
                return await RecordAsync(record with { Accepted = true, Payload = payload }, [], cancellationToken).ConfigureAwait(false);
            }
            if (files.Values.Distinct().Count() != 1)
            {
                return await RecordAsync(record with { Reason = $"{packageName}: the layers of a one-map item must come in one data file, so that they load in one transaction" }, null, cancellationToken).ConfigureAwait(false);
            }
            // The delivery row is written inside the import's transaction: data and record commit together or not at all.
            DeliveryOutcome? accepted = null;
            try
            {
                await new OneMapImporter(dataSource).ImportAsync(files.Values.First(), new ImportOptions
                {
                    Year = manifest.Year,
                    County = manifest.Region.Length == 6 ? manifest.Region : null,
                    ImportedBy = $"exchange:{receivedBy}",
                    BeforeCommit = async (connection, layers, ct) =>
                        accepted = await InsertAsync(connection, record with { Accepted = true, LayerVersions = [.. layers.Select(l => l.VersionId)] }, [], ct).ConfigureAwait(false),
                }, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ImportFailedException or SourceFileException)
            {
                var report = e is ImportFailedException f
                    ? f.Problems.Select(p => new QualityProblem(p.Layer, p.Fid, p.FeatureKey, p.Field, "import", p.Message, null, null)).ToList()
                    : [];
                return await RecordAsync(record with { Reason = $"{packageName}: {e.Message}" }, report, cancellationToken).ConfigureAwait(false);
            }
            return accepted!;
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private sealed record DeliveryRecord(string PackageName, string Channel, string Sm3, long Bytes, string ReceivedBy)
    {
        public PackageManifest? Manifest { get; init; }
        public bool Accepted { get; init; }
        public string? Reason { get; init; }
        public IReadOnlyList<long> LayerVersions { get; init; } = [];
        public byte[]? Payload { get; init; }
        public string? SignedBy { get; init; }
    }

    private async Task<DeliveryOutcome> RecordAsync(DeliveryRecord record, IReadOnlyList<QualityProblem>? problems, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await InsertAsync(connection, record, problems, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<DeliveryOutcome> InsertAsync(NpgsqlConnection connection, DeliveryRecord record, IReadOnlyList<QualityProblem>? problems, CancellationToken cancellationToken)
    {
        var m = record.Manifest;
        await using var command = new NpgsqlCommand("""
            INSERT INTO exchange_delivery (county_code, catalog_item, year, period, producer, channel, package_name, package_sm3, package_bytes,
                received_by, manifest, status, reason, quality_report, layer_versions, payload, signed_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id
            """, connection);
        command.Parameters.AddWithValue(m?.Region ?? "");
        command.Parameters.AddWithValue((object?)m?.CatalogItem ?? DBNull.Value);
        command.Parameters.AddWithValue((object?)m?.Year ?? DBNull.Value);
        command.Parameters.AddWithValue((object?)m?.Period ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, m is null ? DBNull.Value : JsonSerializer.Serialize(m.Producer, PackageManifest.Json));
        command.Parameters.AddWithValue(record.Channel);
        command.Parameters.AddWithValue(record.PackageName);
        command.Parameters.AddWithValue(record.Sm3);
        command.Parameters.AddWithValue(record.Bytes);
        command.Parameters.AddWithValue(record.ReceivedBy);
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, m is null ? DBNull.Value : JsonSerializer.Serialize(m, PackageManifest.Json));
        command.Parameters.AddWithValue(record.Accepted ? "accepted" : "refused");
        command.Parameters.AddWithValue((object?)record.Reason ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, problems is null ? DBNull.Value : JsonSerializer.Serialize(problems, PackageManifest.Json));
        command.Parameters.AddWithValue(record.LayerVersions.ToArray());
        command.Parameters.AddWithValue(NpgsqlDbType.Bytea, (object?)record.Payload ?? DBNull.Value);
        command.Parameters.AddWithValue((object?)record.SignedBy ?? DBNull.Value);
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return new DeliveryOutcome(id, record.Accepted, record.Reason, problems ?? [], m, record.LayerVersions);
    }

    private static async Task<(string Sm3, long Size)> CopyAsync(Stream source, Stream target, CancellationToken cancellationToken)
    {
        var digest = new SM3Digest();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            digest.BlockUpdate(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            total += read;
        }
        var hash = new byte[digest.GetDigestSize()];
        digest.DoFinal(hash, 0);
        return (Convert.ToHexStringLower(hash), total);
    }
}
