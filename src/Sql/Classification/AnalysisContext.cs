namespace Warden.Sql.Classification;

/// <summary>
/// Session knowledge for one Analyze call: the caller's options plus prepared statements created or
/// dropped earlier in the same query text (<c>PREPARE p AS ...; EXECUTE p</c> must see p).
/// </summary>
internal sealed class AnalysisContext(SqlAnalyzerOptions options)
{
    /// <summary>Names prepared (value) or deallocated (null) earlier in this text.</summary>
    private Dictionary<string, StatementClasses?>? _local;
    private bool _allDeallocated;

    /// <summary>Statements nested in statements (EXPLAIN, PREPARE, DECLARE) beyond this are unknown, so no text can exhaust the stack.</summary>
    public const int MaxNesting = 64;

    public SqlAnalyzerOptions Options { get; } = options;

    /// <summary>How many statements the one being classified is nested in.</summary>
    public int Nesting { get; set; }

    public bool StandardConformingStrings => Options.StandardConformingStrings;

    public void Prepare(string name, StatementClasses classes) => (_local ??= [])[name] = classes;

    public void Deallocate(string name) => (_local ??= [])[name] = null;

    public void DeallocateAll()
    {
        _local?.Clear();
        _allDeallocated = true;
    }

    public bool TryGetPrepared(string name, out StatementClasses classes)
    {
        if (_local is not null && _local.TryGetValue(name, out var local))
        {
            classes = local ?? StatementClasses.None;
            return local.HasValue;
        }
        classes = StatementClasses.None;
        return !_allDeallocated && Options.PreparedStatements is { } known && known.TryGetValue(name, out classes);
    }
}
