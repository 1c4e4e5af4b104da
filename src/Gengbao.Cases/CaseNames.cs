using System.Text;

namespace Gengbao.Cases;

/// <summary>The stored (snake_case) names of the case enums and their Chinese labels.</summary>
public static class CaseNames
{
    /// <summary><c>ClosedLegal</c> → <c>closed_legal</c>.</summary>
    public static string Name<T>(T value) where T : struct, Enum
    {
        var text = value.ToString();
        var builder = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsUpper(text[i]) && i > 0)
            {
                builder.Append('_');
            }
            builder.Append(char.ToLowerInvariant(text[i]));
        }
        return builder.ToString();
    }

    /// <summary>Parses a stored name (<c>closed_legal</c>) or the enum's own name; false for anything else.</summary>
    public static bool TryParse<T>(string? name, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(name) || char.IsDigit(name[0]))
        {
            return false;
        }
        return Enum.TryParse(name.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    public static T Parse<T>(string name) where T : struct, Enum => TryParse<T>(name, out var value)
        ? value
        : throw new ArgumentException($"'{name}' is not one of {string.Join(", ", Enum.GetValues<T>().Select(v => Name(v)))}");

    public static string Label(CaseState state) => state switch
    {
        CaseState.Verifying => "待核查",
        CaseState.ClosedLegal => "已放行",
        CaseState.Dispatched => "已下发",
        CaseState.Evidenced => "已举证",
        CaseState.Reported => "已上报",
        CaseState.Reviewed => "已审核",
        CaseState.Enforced => "已执行",
        CaseState.Closed => "已结案",
        CaseState.Archived => "已归档",
        _ => state.ToString(),
    };

    public static string Label(CaseCode code) => code switch
    {
        CaseCode.Green => "绿码",
        CaseCode.Yellow => "黄码",
        CaseCode.Red => "红码",
        _ => code.ToString(),
    };
}
