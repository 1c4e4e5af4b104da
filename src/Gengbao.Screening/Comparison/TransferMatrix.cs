using System.Globalization;
using Gengbao.Geo.Area;

namespace Gengbao.Screening.Comparison;

/// <summary>
/// Rolls comparison pieces up into per-village transfer matrices and writes them as CSV
/// (<c>ZLDWDM_village,from_DLBM,to_DLBM,area_m2</c>; UTF-8 without BOM, LF; areas in m² to 0.01).
/// </summary>
public static class TransferMatrix
{
    /// <summary>The header line, without line end.</summary>
    public const string Header = "ZLDWDM_village,from_DLBM,to_DLBM,area_m2";

    /// <summary>Cells whose summed area is at most this (m²) are left out: they round to 0.00 or 0.01 and are overlay slivers.</summary>
    public const double MinimumArea = 0.005;

    /// <summary>
    /// Sums the pieces per (village, from, to) in the order given (so the sums, to the last bit, depend only on the
    /// pieces, never on thread count) and returns the cells with area &gt; <see cref="MinimumArea"/>, ordered by
    /// village, from, to (ordinal). Unchanged land (from = to) is included, so a village's cells sum to the part of
    /// its before area that the after layer covers.
    /// </summary>
    public static IReadOnlyList<TransferMatrixRow> Of(IEnumerable<ComparisonPiece> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        var sums = new Dictionary<(string Village, string From, string To), double>();
        foreach (var piece in pieces)
        {
            var key = (VillageOf(piece.LocationCode), piece.FromClass, piece.ToClass);
            sums[key] = sums.GetValueOrDefault(key) + piece.Area;
        }
        var rows = sums.Where(s => s.Value > MinimumArea)
            .Select(s => new TransferMatrixRow(s.Key.Village, s.Key.From, s.Key.To, s.Value))
            .ToList();
        rows.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Village, b.Village);
            c = c != 0 ? c : string.CompareOrdinal(a.FromClass, b.FromClass);
            return c != 0 ? c : string.CompareOrdinal(a.ToClass, b.ToClass);
        });
        return rows;
    }

    /// <summary>The village-level code: the first 12 characters of a 12- or 19-digit ZLDWDM (shorter codes as they are).</summary>
    public static string VillageOf(string locationCode)
    {
        var code = locationCode.Trim();
        return code.Length > 12 ? code[..12] : code;
    }

    /// <summary>Writes the header and one line per row, in the given order.</summary>
    public static void Write(TextWriter writer, IEnumerable<TransferMatrixRow> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        writer.Write(Header);
        writer.Write('\n');
        foreach (var row in rows)
        {
            writer.Write(Field(row.Village));
            writer.Write(',');
            writer.Write(Field(row.FromClass));
            writer.Write(',');
            writer.Write(Field(row.ToClass));
            writer.Write(',');
            writer.Write(EllipsoidalArea.Round(row.Area).ToString("F2", CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
