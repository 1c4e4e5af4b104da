using System.Security.Cryptography;
using Gengbao.Security.Crypto;

namespace Gengbao.Storage.Security;

/// <summary>
/// The SM4 key for personal fields, kept outside the database: <c>$GENGBAO_HOME/.data/keys/field-sm4.key</c> (or
/// <c>GENGBAO_KEY_DIR</c>), 32 hex digits, created with mode 0600 on first use. A database dump alone therefore
/// does not reveal personal data; back the key up separately (docs/security.md, "Keys").
/// </summary>
public static class FieldKeyFile
{
    public const string FileName = "field-sm4.key";

    public static string DefaultDirectory =>
        Environment.GetEnvironmentVariable("GENGBAO_KEY_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetEnvironmentVariable("GENGBAO_HOME") is { Length: > 0 } h ? h : Directory.GetCurrentDirectory(), ".data", "keys");

    /// <summary>Reads the key in <paramref name="directory"/>, creating it (and the folder, 0700) if absent.</summary>
    public static FieldCipher LoadOrCreate(string? directory = null)
    {
        directory ??= DefaultDirectory;
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(directory);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            try
            {
                using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
                writer.Write(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(FieldCipher.KeySize)));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; use theirs.
            }
        }
        return Load(directory);
    }

    /// <summary>
    /// The key ring in <paramref name="directory"/>: <c>field-sm4.key</c> is key 0, <c>field-sm4.key.N</c> key N
    /// (added by <see cref="AddKey"/> at each rotation); new values are sealed with the highest.
    /// </summary>
    public static FieldCipher Load(string directory)
    {
        var keys = new List<(byte, byte[])> { (0, ReadKey(Path.Combine(directory, FileName))) };
        foreach (var path in Directory.EnumerateFiles(directory, FileName + ".*"))
        {
            if (byte.TryParse(Path.GetExtension(path).TrimStart('.'), System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                keys.Add((id, ReadKey(path)));
            }
        }
        return new FieldCipher(keys);
    }

    /// <summary>
    /// Writes a new random key as the next id (mode 0600, flushed to disk) and returns the ring with it. Old keys stay:
    /// backups taken before a rotation hold values sealed with them.
    /// </summary>
    public static FieldCipher AddKey(string? directory = null)
    {
        directory ??= DefaultDirectory;
        var current = LoadOrCreate(directory);
        if (current.CurrentKeyId == byte.MaxValue)
        {
            throw new InvalidOperationException($"{directory} already holds {byte.MaxValue + 1} field keys");
        }
        var path = Path.Combine(directory, $"{FileName}.{current.CurrentKeyId + 1}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(path, options))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(FieldCipher.KeySize))));
            stream.Flush(flushToDisk: true);
        }
        return Load(directory);
    }

    private static byte[] ReadKey(string path)
    {
        var text = File.ReadAllText(path).Trim();
        if (text.Length != FieldCipher.KeySize * 2)
        {
            throw new InvalidOperationException($"{path} does not hold a {FieldCipher.KeySize}-byte key as hex");
        }
        return Convert.FromHexString(text);
    }
}
