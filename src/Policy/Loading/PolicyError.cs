namespace Warden.Policy.Loading;

/// <summary>One problem found while loading a policy. Never contains a secret value.</summary>
/// <param name="Line">1-based line in the YAML text; 0 when the problem is not tied to a place (e.g. an unreadable file).</param>
/// <param name="Column">1-based column; 0 when <paramref name="Line"/> is 0.</param>
/// <param name="Path">Where in the document, e.g. <c>access[1].allow</c>; empty for the document itself.</param>
public sealed record PolicyError(int Line, int Column, string Path, string Message)
{
    public override string ToString()
    {
        var where = Line > 0 ? $"line {Line}, column {Column}" : "policy";
        return Path.Length > 0 ? $"{where} ({Path}): {Message}" : $"{where}: {Message}";
    }
}
