namespace Warden.Sql.Classification;

/// <summary>What the classifier learns about one statement while it reads it.</summary>
internal sealed class StatementFacts
{
    private List<string>? _functions;

    public string Command { get; set; } = "?";

    public string? UnknownReason { get; private set; }

    public PreparedStatementChange? PreparedStatementChange { get; set; }

    /// <summary>The statement runs a prepared statement by name (EXECUTE, also inside EXPLAIN or CREATE TABLE AS).</summary>
    public bool ReadsPreparedStatements { get; set; }

    /// <summary>Classes that come from built-in functions with side effects (nextval, set_config, ...), not from a relation access.</summary>
    public StatementClasses FunctionClasses { get; set; }

    public IReadOnlyList<string> CalledFunctions => _functions is null ? [] : _functions;

    /// <summary>Records why the statement cannot be classified with confidence; returns Unknown to OR in.</summary>
    public StatementClasses Unknown(string reason)
    {
        UnknownReason ??= reason;
        return StatementClasses.Unknown;
    }

    public void AddCalledFunction(string name)
    {
        _functions ??= new List<string>(2);
        if (!_functions.Contains(name))
        {
            _functions.Add(name);
        }
    }
}
