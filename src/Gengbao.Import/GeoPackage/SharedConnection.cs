using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Gengbao.Import.GeoPackage;

/// <summary>Reference count for the one read-only connection that all layers of a GeoPackage share.</summary>
internal static class SharedConnection
{
    private sealed class Counter
    {
        public int References;
    }

    private static readonly ConditionalWeakTable<SqliteConnection, Counter> Counters = new();

    public static void Attach(SqliteConnection connection, int references) =>
        Counters.AddOrUpdate(connection, new Counter { References = references });

    public static void Release(SqliteConnection connection)
    {
        if (!Counters.TryGetValue(connection, out var counter) || Interlocked.Decrement(ref counter.References) <= 0)
        {
            Counters.Remove(connection);
            connection.Dispose();
        }
    }
}
