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
        await using var command = connection.Command("SELECT " + Columns + " FROM patrol_plan ORDER BY level, region_prefix, id");
        var list = new List<PatrolPlan>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(Read(reader));
        }
        return list;
    }

    /// <summary>Adds a plan; <see cref="PatrolException"/> (Invalid) for a bad level, prefix, cycle or month.</summary>
    public async Task<PatrolPlan> CreateAsync(string name, int level, string regionPrefix, string cycle, IReadOnlyList<int>? months,
        CancellationToken cancellationToken = default)
    {
        Validate(name, level, regionPrefix, cycle, months);
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

    /// <summary>The seeded defaults (ids 1-5, CyclePolicy.Defaults): edited, never ended, or some level would get no tasks.</summary>
    public const long LastDefaultId = 5;

    private const string Columns = "id, name, level, region_prefix, cycle, months, active";

    /// <summary>One plan, or null.</summary>
    public async Task<PatrolPlan?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT " + Columns + " FROM patrol_plan WHERE id = $1");
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <summary>
    /// Changes a plan's name, cycle and months (level and region prefix stay: another level or region is another plan).
    /// Tasks already sent keep their period; the next dispatch follows the new cycle. <see cref="PatrolException"/>, in
    /// this order: NotFound (no such plan), Invalid with every problem, Forbidden when <paramref name="callerCovers"/>
    /// does not cover the plan's region prefix, Conflict for an ended plan. Nothing is written then.
    /// </summary>
    public async Task<PatrolPlan> UpdateAsync(long id, string? name, string? cycle, IReadOnlyList<int>? months, Func<string, bool> callerCovers,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callerCovers);
        var current = await GetAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new PatrolException(PatrolError.NotFound, $"no patrol plan {id}");
        Validate(name, current.Level, current.RegionPrefix, cycle, months);
        ThrowUnlessCovered(current, callerCovers);
        if (!current.Active)
        {
            throw new PatrolException(PatrolError.Conflict, $"patrol plan {id} has ended; add a new plan instead");
        }
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("UPDATE patrol_plan SET name = $2, cycle = $3, months = $4 WHERE id = $1 AND active RETURNING " + Columns);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(name!);
        command.Parameters.AddWithValue(cycle!);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Smallint,
            (object?)months?.Select(m => (short)m).ToArray() ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader)
            : throw new PatrolException(PatrolError.NotFound, $"no patrol plan {id} you may change");
    }

    /// <summary>
    /// Ends an override (active = false): the dispatcher stops using it and the cells fall back to the next matching
    /// plan. Tasks already sent stay. NotFound, then Conflict (a seeded default, or already ended), then Forbidden as in
    /// <see cref="UpdateAsync"/>.
    /// </summary>
    public async Task<PatrolPlan> EndAsync(long id, Func<string, bool> callerCovers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callerCovers);
        var current = await GetAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new PatrolException(PatrolError.NotFound, $"no patrol plan {id}");
        if (id is >= 1 and <= LastDefaultId)
        {
            throw new PatrolException(PatrolError.Conflict, $"patrol plan {id} is a seed 001 default and cannot be ended; change its cycle or add an override");
        }
        if (!current.Active)
        {
            throw new PatrolException(PatrolError.Conflict, $"patrol plan {id} has already ended");
        }
        ThrowUnlessCovered(current, callerCovers);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("UPDATE patrol_plan SET active = false WHERE id = $1 RETURNING " + Columns);
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader)
            : throw new PatrolException(PatrolError.NotFound, $"no patrol plan {id} you may end");
    }

    /// <summary>
    /// A region admin changes only plans of his region: the row-level policy says the same, this says it with a reason
    /// (a county admin may not change the province's or the seeded country-wide cycles).
    /// </summary>
    private static void ThrowUnlessCovered(PatrolPlan plan, Func<string, bool> callerCovers)
    {
        if (!callerCovers(plan.RegionPrefix))
        {
            throw new PatrolException(PatrolError.Forbidden,
                $"regionPrefix: patrol plan {plan.Id} applies to '{(plan.RegionPrefix.Length == 0 ? "the whole country" : plan.RegionPrefix)}', outside your region");
        }
    }

    private static PatrolPlan Read(NpgsqlDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.GetInt16(2), reader.GetString(3), reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<short[]>(5).Select(m => (int)m).ToArray(), reader.GetBoolean(6));

    /// <summary>Every problem of a plan, each naming its field; <see cref="PatrolException"/> (Invalid) if any.</summary>
    private static void Validate(string? name, int level, string? regionPrefix, string? cycle, IReadOnlyList<int>? months)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add("name: is empty");
        }
        else if (name.Length > 100)
        {
            problems.Add("name: longer than 100 characters");
        }
        if (level is < (int)AdminLevel.Prefecture or > (int)AdminLevel.Group)
        {
            problems.Add($"level: {level} is not a grid level (2 prefecture .. 6 group)");
        }
        if (!(regionPrefix ?? "").All(char.IsAsciiDigit) || (regionPrefix ?? "").Length > 15)
        {
            problems.Add($"regionPrefix: '{regionPrefix}' must be up to 15 digits (an admin code or its prefix)");
        }
        try
        {
            PatrolCycles.Parse(cycle ?? "");
        }
        catch (ArgumentException e)
        {
            problems.Add("cycle: " + e.Message.Split(" (Parameter", 2)[0]);
        }
        if (months is not null && (months.Count == 0 || months.Any(m => m is < 1 or > 12)))
        {
            problems.Add("months: must be 1..12 (or omitted for all year)");
        }
        if (problems.Count > 0)
        {
            throw new PatrolException(PatrolError.Invalid, "the plan is not valid: " + string.Join("; ", problems), problems);
        }
    }
}
