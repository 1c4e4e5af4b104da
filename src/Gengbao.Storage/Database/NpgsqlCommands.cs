using Npgsql;

namespace Gengbao.Storage.Database;

/// <summary>Commands on an open connection, the one way the stores write them.</summary>
internal static class NpgsqlCommands
{
    /// <summary>A command with the default timeout: request-time reads and queue operations.</summary>
    public static NpgsqlCommand Command(this NpgsqlConnection connection, string sql) => new(sql, connection);

    /// <summary>
    /// Runs <paramref name="sql"/> with positional parameters ($1, $2, …) taken from <paramref name="parameters"/>, without a
    /// timeout: imports, screening and comparison run set-wide statements that may take minutes on a prefecture.
    /// </summary>
    public static async Task ExecuteAsync(this NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
