using System.Globalization;
using System.Text;

namespace Gengbao.Geo.Grid;

/// <summary>
/// The 2D Beidou grid location code (北斗网格位置码) of GB/T 39409-2020, levels 1–10, as summarised in domain.md §6:
/// a hemisphere letter N/S, then per level 6°×4° (1:1 000 000 sheet column 01–60 and row A–V), 30′, 15′×10′, 1′,
/// 4″, 2″, 1/4″, 1/32″, 1/256″ and 1/2048″ cells. All arithmetic is in integers of 1/2048 arc-second, the level-10
/// cell, so cell edges are exact; a coordinate within 10⁻⁶ of that unit (≈ 15 nm) of a grid line is taken to be
/// on it, so a decoded corner encodes back to its own cell. Latitudes of 88° and more (the separate polar scheme)
/// are not supported.
/// </summary>
/// <remarks>
/// Other hemispheres are mirror images of the north-eastern one: from level 2 on, the indices are computed from
/// |longitude| and |latitude| and grow away from the prime meridian and the equator; level 1 keeps the 1:1 000 000
/// sheet numbering (column 30 is 6°W–0°, 31 is 0°–6°E). This is the symmetric reading of the standard also used by
/// the TypeScript codec that ywx001/BeidouGridCodec derives from; that Java port additionally flips some indices
/// (max − index) in the NW, SE and SW hemispheres, which contradicts the symmetry. Unconfirmed against the standard's
/// text: cross-check non-NE codes with an official tool before exchanging them.
/// </remarks>
public static class BeidouGridCode
{
    /// <summary>Finest level.</summary>
    public const int MaxLevel = 10;

    private const long UnitsPerSecond = 2048;
    private const long UnitsPerDegree = 3600 * UnitsPerSecond;
    private const double SnapTolerance = 1e-6;

    // Cell sizes per level in 1/2048″ (index 0 unused).
    private static readonly long[] LonCell = [0, 6 * 3600 * UnitsPerSecond, 1800 * UnitsPerSecond, 900 * UnitsPerSecond,
        60 * UnitsPerSecond, 4 * UnitsPerSecond, 2 * UnitsPerSecond, UnitsPerSecond / 4, UnitsPerSecond / 32, UnitsPerSecond / 256, 1];

    private static readonly long[] LatCell = [0, 4 * 3600 * UnitsPerSecond, 1800 * UnitsPerSecond, 600 * UnitsPerSecond,
        60 * UnitsPerSecond, 4 * UnitsPerSecond, 2 * UnitsPerSecond, UnitsPerSecond / 4, UnitsPerSecond / 32, UnitsPerSecond / 256, 1];

    // Largest index per level along longitude and latitude (levels 3 and 6 are one Z-order digit).
    private static readonly int[] MaxLon = [0, 29, 11, 1, 14, 14, 1, 7, 7, 7, 7];
    private static readonly int[] MaxLat = [0, 21, 7, 2, 14, 14, 1, 7, 7, 7, 7];

    private static readonly int[] Lengths = [1, 4, 6, 7, 9, 11, 12, 14, 16, 18, 20];

    /// <summary>Length of a code of the given level: 4, 6, 7, 9, 11, 12, 14, 16, 18 or 20.</summary>
    public static int LengthOf(int level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, MaxLevel);
        return Lengths[level];
    }

    /// <summary>
    /// The code of the cell of the given level that contains a point (longitude, latitude in degrees, CGCS2000).
    /// Throws <see cref="ArgumentOutOfRangeException"/> for a level outside 1–10, |latitude| ≥ 88° or |longitude| &gt; 180°.
    /// </summary>
    public static string Encode(double lon, double lat, int level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, MaxLevel);
        if (!(Math.Abs(lat) < 88))
        {
            throw new ArgumentOutOfRangeException(nameof(lat), lat, "latitudes of 88 degrees and more use the polar grid, which is not implemented");
        }
        if (!(Math.Abs(lon) <= 180))
        {
            throw new ArgumentOutOfRangeException(nameof(lon), lon, "longitude must be within [-180, 180]");
        }
        // ±180° belongs to the outermost column rather than to a 61st.
        var x = Math.Min(ToUnits(Math.Abs(lon)), (180 * UnitsPerDegree) - 1);
        var y = ToUnits(Math.Abs(lat));

        var code = new StringBuilder(Lengths[level]);
        code.Append(lat < 0 ? 'S' : 'N');
        for (var k = 1; k <= level; k++)
        {
            var i = (int)(x / LonCell[k]);
            var j = (int)(y / LatCell[k]);
            x -= i * LonCell[k];
            y -= j * LatCell[k];
            switch (k)
            {
                case 1:
                    var column = lon < 0 ? 30 - i : 31 + i;
                    code.Append(column.ToString("D2", CultureInfo.InvariantCulture)).Append((char)('A' + j));
                    break;
                case 3 or 6:
                    code.Append((char)('0' + (2 * j) + i)); // Z order: rows j going away from the equator
                    break;
                default:
                    code.Append(HexDigit(i)).Append(HexDigit(j));
                    break;
            }
        }
        return code.ToString();
    }

    /// <summary>
    /// The cell a code names. Throws <see cref="FormatException"/> naming the first bad character and its position
    /// (1-based) for a malformed code; codes are upper case as <see cref="Encode"/> writes them.
    /// </summary>
    public static BeidouCell Decode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return TryDecodeCore(code, out var cell) is { } problem ? throw new FormatException(problem) : cell;
    }

    /// <summary>Like <see cref="Decode"/> without throwing; false for a malformed or null code.</summary>
    public static bool TryDecode(string? code, out BeidouCell cell)
    {
        cell = default;
        return code is not null && TryDecodeCore(code, out cell) is null;
    }

    /// <summary>The level of a well-formed code (from its length); throws <see cref="FormatException"/> otherwise.</summary>
    public static int LevelOf(string code) => Decode(code).Level;

    /// <summary>Null when well-formed (and <paramref name="cell"/> set); otherwise what is wrong.</summary>
    private static string? TryDecodeCore(string code, out BeidouCell cell)
    {
        cell = default;
        var level = Array.IndexOf(Lengths, code.Length);
        if (level < 1)
        {
            return $"Beidou grid code '{code}' has {code.Length} characters; expected 4, 6, 7, 9, 11, 12, 14, 16, 18 or 20";
        }
        var south = code[0] == 'S';
        if (!south && code[0] != 'N')
        {
            return Bad(code, 0, "the hemisphere, N or S");
        }
        if (!char.IsAsciiDigit(code[1]) || !char.IsAsciiDigit(code[2]))
        {
            return Bad(code, char.IsAsciiDigit(code[1]) ? 2 : 1, "a digit of the level-1 column 01-60");
        }
        var column = ((code[1] - '0') * 10) + (code[2] - '0');
        if (column is < 1 or > 60)
        {
            return $"Beidou grid code '{code}' has level-1 column {code.Substring(1, 2)} at positions 2-3; expected 01-60";
        }
        var row = code[3] - 'A';
        if (row < 0 || row > MaxLat[1])
        {
            return Bad(code, 3, "the level-1 row letter A-V");
        }
        var west = column <= 30;
        long x = (west ? 30 - column : column - 31) * LonCell[1];
        long y = row * LatCell[1];

        var position = 4;
        for (var k = 2; k <= level; k++)
        {
            int i, j;
            if (k is 3 or 6)
            {
                var digit = code[position] - '0';
                var max = ((MaxLat[k] + 1) * 2) - 1;
                if (digit < 0 || digit > max)
                {
                    return Bad(code, position, $"the level-{k} digit 0-{max}");
                }
                i = digit % 2;
                j = digit / 2;
                position++;
            }
            else
            {
                i = HexValue(code[position]);
                if (i < 0 || i > MaxLon[k])
                {
                    return Bad(code, position, $"the level-{k} longitude digit 0-{HexDigit(MaxLon[k])}");
                }
                j = HexValue(code[position + 1]);
                if (j < 0 || j > MaxLat[k])
                {
                    return Bad(code, position + 1, $"the level-{k} latitude digit 0-{HexDigit(MaxLat[k])}");
                }
                position += 2;
            }
            x += i * LonCell[k];
            y += j * LatCell[k];
        }

        var near = (double)x / UnitsPerDegree;
        var far = (double)(x + LonCell[level]) / UnitsPerDegree;
        var low = (double)y / UnitsPerDegree;
        var high = (double)(y + LatCell[level]) / UnitsPerDegree;
        cell = new BeidouCell(
            level,
            west ? -far : near,
            south ? -high : low,
            west ? -near : far,
            south ? -low : high);
        return null;
    }

    private static string Bad(string code, int index, string expected) =>
        $"Beidou grid code '{code}' has '{code[index]}' at position {index + 1}; expected {expected}";

    /// <summary>Degrees to whole 1/2048″ units, snapping values within floating-point noise of a grid line onto it.</summary>
    private static long ToUnits(double degrees)
    {
        var units = degrees * UnitsPerDegree;
        var nearest = Math.Round(units);
        return (long)(Math.Abs(units - nearest) <= SnapTolerance ? nearest : Math.Floor(units));
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'A' + value - 10);

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
