namespace Warden.Sql.Classification;

/// <summary>What the classifier learns about one statement while it reads it.</summary>
internal sealed class StatementFacts
{
    private List<string>? _functions;
    private List<(string Name, int Start, int Open)>? _relationFunctions;

    public string Command { get; set; } = "?";

    public string? UnknownReason { get; private set; }

    public PreparedStatementChange? PreparedStatementChange { get; set; }

    /// <summary>The statement runs a prepared statement by name (EXECUTE, also inside EXPLAIN or CREATE TABLE AS).</summary>
    public bool ReadsPreparedStatements { get; set; }

    /// <summary>Classes that come from built-in functions with side effects (nextval, set_config, ...), not from a relation access.</summary>
    public StatementClasses FunctionClasses { get; set; }

    /// <remarks>Typed so that an empty list is <c>Array.Empty</c>: <c>x is null ? [] : x</c> would allocate a List each time.</remarks>
    public IReadOnlyList<string> CalledFunctions => (IReadOnlyList<string>?)_functions ?? [];

    /// <summary>
    /// Calls of built-ins that name relations or change search_path (<see cref="BuiltInFunctions.AffectsRelations"/>):
    /// the name, the index of the call's first token (a schema, if qualified) and of its <c>(</c>.
    /// </summary>
    public IReadOnlyList<(string Name, int Start, int Open)> RelationFunctionCalls =>
        (IReadOnlyList<(string Name, int Start, int Open)>?)_relationFunctions ?? [];

    public void AddRelationFunctionCall(string name, int start, int open)
    {
        _relationFunctions ??= new List<(string, int, int)>(1);
        if (!_relationFunctions.Exists(call => call.Open == open))
        {
            _relationFunctions.Add((name, start, open));
        }
    }

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
