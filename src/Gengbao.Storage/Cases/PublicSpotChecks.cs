using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Storage.Cases;

/// <summary>
/// A spot check as published (一公开): what anyone needs to re-draw it (seed, the candidate case ids, how many were
/// asked for) and the picks with their results. No person: neither who drew it nor the inspectors' names.
/// </summary>
public sealed record PublishedSpotCheck(long Id, string CountyCode, DateTimeOffset DrawnAt, string Seed, int Requested, int CandidateCount,
    IReadOnlyList<long> CandidateIds, int InspectorCount, IReadOnlyList<PublishedPick> Picks);

/// <summary>One drawn case: its place in the draw, id, village (or township) and score (SHA-256 of seed|id), and the result.</summary>
public sealed record PublishedPick(int Rank, long CaseId, string UnitCode, string Score, string? Result);

/// <summary>The anonymous read of spot checks (<c>GET /api/public/spotchecks</c>), as the owner: the public has no region.</summary>
public sealed class PublicSpotChecks(IConnectionSource owner)
{
    /// <summary>The newest <paramref name="limit"/> spot checks, of one county (or county prefix) when given.</summary>
    public async Task<IReadOnlyList<PublishedSpotCheck>> ListAsync(string? countyCode, int limit, CancellationToken cancellationToken = default)
    {
        if (countyCode is not null && (countyCode.Length is 0 or > 6 || !countyCode.All(char.IsAsciiDigit)))
        {
            throw new CaseException(CaseError.Invalid, "county is a county code (up to 6 digits)");
        }
        await using var connection = await owner.OpenAsync(cancellationToken).ConfigureAwait(false);
        var checks = new List<PublishedSpotCheck>();
        await using (var command = new NpgsqlCommand("""
            SELECT id, county_code, drawn_at, seed, requested, candidate_ids, cardinality(inspectors) FROM spot_check
            WHERE $1::text IS NULL OR starts_with(county_code, $1) ORDER BY drawn_at DESC, id DESC LIMIT $2
            """, connection))
        {
            command.Parameters.AddWithValue((object?)countyCode ?? DBNull.Value);
            command.Parameters.AddWithValue(Math.Clamp(limit, 1, 500));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var candidates = reader.GetFieldValue<long[]>(5);
                checks.Add(new PublishedSpotCheck(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3),
                    reader.GetInt32(4), candidates.Length, candidates, reader.GetInt32(6), []));
            }
        }
        if (checks.Count == 0)
        {
            return checks;
        }
        var picks = checks.ToDictionary(c => c.Id, _ => new List<PublishedPick>());
        await using (var command = new NpgsqlCommand("""
            SELECT p.spot_check_id, p.rank, p.case_id, c.unit_code, p.score, p.result
            FROM spot_check_pick p JOIN problem_case c ON c.id = p.case_id
            WHERE p.spot_check_id = ANY($1) ORDER BY p.spot_check_id, p.rank
            """, connection))
        {
            command.Parameters.AddWithValue(checks.Select(c => c.Id).ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                picks[reader.GetInt64(0)].Add(new PublishedPick(reader.GetInt32(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5)));
            }
        }
        return [.. checks.Select(c => c with { Picks = picks[c.Id] })];
    }
}
