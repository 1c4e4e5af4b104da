using Gengbao.Import;

namespace Gengbao.Batch;

/// <summary>Turns the errors a user can cause or fix into one clear message and exit code 1; anything else is a bug and keeps its stack.</summary>
public static class BatchErrors
{
    /// <summary>Bad input, a missing file, a refused write: the user's to fix, so a message and no stack trace.</summary>
    public static bool IsUserError(Exception e) =>
        e is SourceFileException or ArgumentException or FormatException or InvalidOperationException or IOException or UnauthorizedAccessException;

    public static int Run(Func<int> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return action();
        }
        catch (Exception e) when (IsUserError(e))
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
