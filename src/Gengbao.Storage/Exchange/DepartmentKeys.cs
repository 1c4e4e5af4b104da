using Gengbao.Exchange.Packages;
using Gengbao.Security.Crypto;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Storage.Exchange;

/// <summary>A row of <c>exchange_department_key</c>: a sending department's SM2 public key for a region prefix.</summary>
public sealed record DepartmentKey(long Id, string Department, string Region, string Name, string PublicPem, string Fingerprint, DateTimeOffset AddedAt, string AddedBy)
{
    public TrustedKey Trusted => new(Department, Region, PublicPem, $"{Name} ({Fingerprint[..16]})");
}

/// <summary>
/// The public keys of the sending departments (migration 0012). Registering a key for a department and region makes
/// signatures required for that department's packages of regions under it (<see cref="PackageTrust"/>).
/// </summary>
public static class DepartmentKeys
{
    public static async Task<IReadOnlyList<DepartmentKey>> ListAsync(IConnectionSource connections, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT id, department, county_code, name, public_key, fingerprint, added_at, added_by FROM exchange_department_key ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<DepartmentKey>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(new DepartmentKey(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetString(7)));
        }
        return keys;
    }

    /// <summary>Registers a public key (PEM; a private PEM is reduced to its public half); returns its id. Same key twice: the existing id.</summary>
    /// <exception cref="FormatException">Not an SM2 key.</exception>
    public static async Task<long> AddAsync(IConnectionSource connections, string department, string region, string name, string pem, string addedBy,
        CancellationToken cancellationToken = default)
    {
        var publicPem = Sm2Signer.PublicPemOf(pem);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            INSERT INTO exchange_department_key (department, county_code, name, public_key, fingerprint, added_by) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (department, county_code, fingerprint) DO UPDATE SET name = excluded.name RETURNING id
            """, connection);
        command.Parameters.AddWithValue(department);
        command.Parameters.AddWithValue(region);
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(publicPem);
        command.Parameters.AddWithValue(Sm2Signer.Fingerprint(publicPem));
        command.Parameters.AddWithValue(addedBy);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
