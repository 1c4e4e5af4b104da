using System.Text;

namespace Gengbao.Batch;

/// <summary>
/// Output files appear whole or not at all: written to <c>path.partial</c> and renamed when complete, so a failure
/// half-way (bad input found late, disk full, Ctrl+C) never leaves a truncated result a user could take for real.
/// </summary>
public static class WholeFile
{
    public static void Write(string path, Action<TextWriter> write)
    {
        var partial = path + ".partial";
        try
        {
            using (var writer = new StreamWriter(partial, false, new UTF8Encoding(false), 1 << 16))
            {
                write(writer);
            }
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }
}
