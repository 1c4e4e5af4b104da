using System.Text.Json.Nodes;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Storage.Exchange;

/// <summary>A row of <c>exchange_delivery</c> as the API lists it (no payload).</summary>
public sealed record Delivery(long Id, string Region, string? CatalogItem, int? Year, string? Period, string Channel, string PackageName,
    string PackageSm3, DateTimeOffset ReceivedAt, string ReceivedBy, string Status, string? Reason, JsonNode? Producer, JsonNode? QualityReport, long[] LayerVersions);

/// <summary>The deliveries received, newest first; over <see cref="ScopedConnections"/> only those of the caller's region.</summary>
public sealed class DeliveryLog(IConnectionSource connections)
{
    public async Task<IReadOnlyList<Delivery>> ListAsync(string? catalogItem, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            SELECT id, county_code, catalog_item, year, period, channel, package_name, package_sm3, received_at, received_by, status, reason,
                   producer::text, quality_report::text, layer_versions
            FROM exchange_delivery WHERE $1::text IS NULL OR catalog_item = $1 ORDER BY id DESC LIMIT $2
            """, connection);
        command.Parameters.AddWithValue((object?)catalogItem ?? DBNull.Value);
        command.Parameters.AddWithValue(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<Delivery>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new Delivery(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetString(6),
                reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8), reader.GetString(9), reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.IsDBNull(12) ? null : JsonNode.Parse(reader.GetString(12)), reader.IsDBNull(13) ? null : JsonNode.Parse(reader.GetString(13)),
                reader.GetFieldValue<long[]>(14)));
        }
        return list;
    }

    /// <summary>The delivered GeoPackage of an accepted delivery outside the one map, or null (none, or not in the caller's region).</summary>
    public async Task<(string PackageName, byte[] Payload)?> PayloadAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT package_name, payload FROM exchange_delivery WHERE id = $1 AND status = 'accepted' AND payload IS NOT NULL", connection);
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (reader.GetString(0), reader.GetFieldValue<byte[]>(1)) : null;
    }

    /// <summary>As the owner: counts one download of a delivery's payload (the evaluation's "use").</summary>
    public static async Task CountDownloadAsync(NpgsqlDataSource owner, long id, CancellationToken cancellationToken = default)
    {
        await using var command = owner.CreateCommand("UPDATE exchange_delivery SET downloads = downloads + 1 WHERE id = $1");
        command.Parameters.AddWithValue(id);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
