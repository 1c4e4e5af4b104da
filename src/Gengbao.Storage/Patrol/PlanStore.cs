using Gengbao.Storage.Database;
using Gengbao.Storage.Security;
using Gengbao.Geo.Codes;
using Gengbao.Patrol.Cycles;
using Npgsql;

namespace Gengbao.Storage.Patrol;

/// <summary>A patrol plan as stored (<see cref="PlanRule"/> plus name and active flag).</summary>
public sealed record PatrolPlan(long Id, string Name, int Level, string RegionPrefix, string Cycle, IReadOnlyList<int>? Months, bool Active);

/// <summary>Patrol plans: the five seed defaults and the overrides a region adds (per region prefix and season).</summary>
public sealed class PlanStore(IConnectionSource connections)
{
    public async Task<IReadOnlyList<PatrolPlan>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT id, name, level, region_prefix, cycle, months, active FROM patrol_plan ORDER BY level, region_prefix, id");
        var list = new List<PatrolPlan>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new PatrolPlan(reader.GetInt64(0), reader.GetString(1), reader.GetInt16(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<short[]>(5).Select(m => (int)m).ToArray(), reader.GetBoolean(6)));
        }
        return list;
    }

    /// <summary>Adds a plan; <see cref="PatrolException"/> (Invalid) for a bad level, prefix, cycle or month.</summary>
    public async Task<PatrolPlan> CreateAsync(string name, int level, string regionPrefix, string cycle, IReadOnlyList<int>? months,
        CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add("name is empty");
        }
        if (level is < (int)AdminLevel.Prefecture or > (int)AdminLevel.Group)
        {
            problems.Add($"level {level} is not a grid level (2 prefecture .. 6 group)");
        }
        if (!(regionPrefix ?? "").All(char.IsAsciiDigit))
        {
            problems.Add($"region prefix '{regionPrefix}' must be digits");
        }
        try
        {
            PatrolCycles.Parse(cycle);
        }
        catch (ArgumentException e)
        {
            problems.Add(e.Message.Split(" (Parameter", 2)[0]);
        }
        if (months is not null && (months.Count == 0 || months.Any(m => m is < 1 or > 12)))
        {
            problems.Add("months must be 1..12 (or omitted for all year)");
        }
        if (problems.Count > 0)
        {
            throw new PatrolException(PatrolError.Invalid, "the plan is not valid", problems);
        }
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            INSERT INTO patrol_plan (name, level, region_prefix, cycle, months) VALUES ($1, $2, $3, $4, $5) RETURNING id
            """);
        command.Parameters.AddWithValue(name!);
        command.Parameters.AddWithValue((short)level);
        command.Parameters.AddWithValue(regionPrefix ?? "");
        command.Parameters.AddWithValue(cycle);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Smallint,
            (object?)months?.Select(m => (short)m).ToArray() ?? DBNull.Value);
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return new PatrolPlan(id, name!, level, regionPrefix ?? "", cycle, months, true);
    }
}
