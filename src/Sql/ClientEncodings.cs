namespace Warden.Sql;

/// <summary>
/// Which client encodings keep SQL text safe to analyse. Warden reads statements as UTF-8; that is only
/// sound when every byte below 0x80 means its ASCII character. In the client-only encodings (SJIS, BIG5,
/// GBK, UHC, GB18030, JOHAB and their aliases) the second byte of a character can be a quote or a
/// backslash, so a statement boundary the server sees could be invisible to the gateway.
/// An allow-list: a name PostgreSQL might accept but that is not listed here counts as unsafe.
/// https://www.postgresql.org/docs/current/multibyte.html ; names as in src/common/encnames.c
/// </summary>
public static class ClientEncodings
{
    private static readonly HashSet<string> AsciiSafe = new(StringComparer.Ordinal)
    {
        "utf8", "unicode", "sqlascii",
        "latin1", "latin2", "latin3", "latin4", "latin5", "latin6", "latin7", "latin8", "latin9", "latin10",
        "iso88591", "iso88592", "iso88593", "iso88594", "iso88595", "iso88596", "iso88597", "iso88598",
        "iso88599", "iso885910", "iso885913", "iso885914", "iso885915", "iso885916",
        "euccn", "eucjp", "euckr", "euctw", "eucjis2004", "muleinternal",
        "koi8", "koi8r", "koi8u", "alt", "abc", "tcvn", "tcvn5712", "vscii", "win",
        "win866", "win874", "win1250", "win1251", "win1252", "win1253", "win1254", "win1255", "win1256", "win1257", "win1258",
        "windows866", "windows874", "windows1250", "windows1251", "windows1252", "windows1253", "windows1254",
        "windows1255", "windows1256", "windows1257", "windows1258",
    };

    /// <summary>True when <paramref name="name"/> names an encoding in which ASCII bytes are always ASCII characters.</summary>
    public static bool IsAsciiSafe(string? name) => name is not null && AsciiSafe.Contains(Normalize(name));

    /// <summary>PostgreSQL's clean_encoding_name: letters and digits only, lower case ("Shift-JIS" → "shiftjis").</summary>
    public static string Normalize(string name) => string.Concat(name.Where(char.IsAsciiLetterOrDigit)).ToLowerInvariant();
}
