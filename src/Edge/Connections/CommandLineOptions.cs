using System.Text;

namespace Warden.Edge.Connections;

/// <summary>
/// Reads the startup "options" parameter the way PostgreSQL does (pg_split_opts: words split on spaces,
/// a backslash makes the next character literal), accepting only the setting forms "-c name=value",
/// "-cname=value" and "--name=value". Any other backend switch is refused rather than guessed at.
/// https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNECT-OPTIONS
/// </summary>
internal static class CommandLineOptions
{
    public static (List<(string Name, string Value)> Settings, string? Error) Parse(string options)
    {
        var words = Split(options);
        var settings = new List<(string, string)>();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            string? assignment = null;
            if (word == "-c" && i + 1 < words.Count)
            {
                assignment = words[++i];
            }
            else if (word.StartsWith("-c", StringComparison.Ordinal) && word.Length > 2)
            {
                assignment = word[2..];
            }
            else if (word.StartsWith("--", StringComparison.Ordinal) && word.Length > 2)
            {
                assignment = word[2..];
            }
            var equals = assignment?.IndexOf('=', StringComparison.Ordinal) ?? -1;
            if (assignment is null || equals <= 0)
            {
                return (settings, $"startup option \"{word}\" is not allowed through Warden; only -c name=value settings are");
            }
            settings.Add((assignment[..equals], assignment[(equals + 1)..]));
        }
        return (settings, null);
    }

    private static List<string> Split(string options)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < options.Length; i++)
        {
            var c = options[i];
            if (c == '\\' && i + 1 < options.Length)
            {
                current.Append(options[++i]);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }
        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }
        return words;
    }
}
