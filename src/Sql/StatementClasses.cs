namespace Warden.Sql;

/// <summary>The statement classes of DESIGN §6. A statement carries every class that applies.</summary>
[Flags]
public enum StatementClasses
{
    None = 0,
    Read = 1 << 0,
    Write = 1 << 1,
    Ddl = 1 << 2,
    Dcl = 1 << 3,
    Destructive = 1 << 4,
    Admin = 1 << 5,
    Transaction = 1 << 6,
    Session = 1 << 7,
    Unknown = 1 << 8,
}

public static class StatementClassNames
{
    private static readonly (StatementClasses Class, string Name)[] Names =
    [
        (StatementClasses.Read, "read"),
        (StatementClasses.Write, "write"),
        (StatementClasses.Ddl, "ddl"),
        (StatementClasses.Dcl, "dcl"),
        (StatementClasses.Destructive, "destructive"),
        (StatementClasses.Admin, "admin"),
        (StatementClasses.Transaction, "transaction"),
        (StatementClasses.Session, "session"),
        (StatementClasses.Unknown, "unknown"),
    ];

    /// <summary>Lower-case names in contract order, e.g. ["ddl", "destructive"].</summary>
    public static IReadOnlyList<string> ToNames(this StatementClasses classes)
    {
        var names = new List<string>(2);
        foreach (var (c, name) in Names)
        {
            if ((classes & c) != 0)
            {
                names.Add(name);
            }
        }
        return names;
    }

    public static bool TryParse(string name, out StatementClasses value)
    {
        foreach (var (c, n) in Names)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            {
                value = c;
                return true;
            }
        }
        value = StatementClasses.None;
        return false;
    }
}
