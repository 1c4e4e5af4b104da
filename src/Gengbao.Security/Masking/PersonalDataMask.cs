namespace Gengbao.Security.Masking;

/// <summary>
/// Desensitisation of personal data for roles that do not need it (JR/T 0171-2020 and common practice of Chinese
/// government portals): a name keeps its first character (张三丰 → 张**), a mobile number its first 3 and last 4
/// digits (138****1234), an ID or bank-card number its first 4 and last 4 (6229**********1234). Null stays null;
/// values too short to mask meaningfully are masked entirely.
/// </summary>
public static class PersonalDataMask
{
    public static string? Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return name;
        }
        var runes = name.Trim().EnumerateRunes().ToArray();
        return runes.Length == 1 ? "*" : runes[0] + new string('*', runes.Length - 1);
    }

    public static string? Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return phone;
        }
        var text = phone.Trim();
        if (text.Length >= 11)
        {
            return text[..3] + new string('*', text.Length - 7) + text[^4..];
        }
        return text.Length > 4 ? new string('*', text.Length - 4) + text[^4..] : new string('*', text.Length);
    }

    public static string? IdNumber(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return id;
        }
        var text = id.Trim();
        return text.Length > 8 ? text[..4] + new string('*', text.Length - 8) + text[^4..] : new string('*', text.Length);
    }
}
