using System.Text.Json;
using Gengbao.Exchange.Catalog;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Storage.Exchange;

/// <summary>The shared catalog (<c>exchange_catalog_item</c>, seeded by migration 0008 from <see cref="SharedCatalog"/>): read and edit.</summary>
public sealed class ExchangeCatalog(IConnectionSource connections)
{
    public ExchangeCatalog(NpgsqlDataSource dataSource) : this(new OwnerConnections(dataSource))
    {
    }

    private sealed record LayerJson(string Name, string[] RequiredFields);

    public async Task<IReadOnlyList<CatalogItem>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT id, name, direction, owner, frequency, deadline_days, layers::text, one_map FROM exchange_catalog_item ORDER BY direction DESC, id", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<CatalogItem>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var layers = JsonSerializer.Deserialize<LayerJson[]>(reader.GetString(6), JsonSerializerOptions.Web)!;
            items.Add(new CatalogItem(reader.GetString(0), reader.GetString(1),
                reader.GetString(2) == "natural_resources_to_agriculture" ? ExchangeDirection.NaturalResourcesToAgriculture : ExchangeDirection.AgricultureToNaturalResources,
                reader.GetString(3), reader.GetString(4) == "annual" ? DeliveryFrequency.Annual : DeliveryFrequency.HalfYearly, reader.GetInt32(5),
                layers.Select(l => new CatalogLayer(l.Name, l.RequiredFields)).ToList(), reader.GetBoolean(7)));
        }
        return items;
    }

    /// <summary>Edits an item's name, frequency, deadline and required fields; false if there is no such item.</summary>
    public async Task<bool> UpdateAsync(string id, string name, DeliveryFrequency frequency, int deadlineDays, IReadOnlyList<CatalogLayer> layers,
        string by, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            UPDATE exchange_catalog_item SET name = $2, frequency = $3, deadline_days = $4, layers = $5::jsonb, updated_at = now(), updated_by = $6
            WHERE id = $1
            """, connection);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(frequency == DeliveryFrequency.Annual ? "annual" : "half_yearly");
        command.Parameters.AddWithValue(deadlineDays);
        command.Parameters.AddWithValue(JsonSerializer.Serialize(layers.Select(l => new LayerJson(l.Name, [.. l.RequiredFields])), JsonSerializerOptions.Web));
        command.Parameters.AddWithValue(by);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }
}
