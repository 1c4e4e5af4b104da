using Gengbao.Batch;
using Gengbao.Import;
using Gengbao.Storage.OneMap;
using Npgsql;

namespace Gengbao.Cli.Commands;

/// <summary>Turns the errors a user can cause or fix into one clear message and exit code 1; anything else is a bug and keeps its stack.</summary>
internal static class CliErrors
{
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (BatchErrors.IsUserError(e) || e is ImportFailedException or NpgsqlException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
