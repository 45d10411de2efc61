namespace Warden.Sql.Relations;

/// <summary>
/// What the relation scan finds in one statement: accesses merged per name in first-seen order, whether
/// the list is whole, classes that must stay unattributed, and a search_path change. One per Analyze call,
/// reset between statements, so its list is allocated at most once per call.
/// </summary>
internal sealed class RelationCollector
{
    private List<RelationAccessEntry>? _entries;

    /// <summary>False once the scan meets something it may have missed a relation in.</summary>
    public bool Complete { get; private set; } = true;

    /// <summary>Why the list is incomplete (first reason), for tests and logs.</summary>
    public string? IncompleteReason { get; private set; }

    /// <summary>Classes the scan saw come from something other than a relation access (row locks).</summary>
    public StatementClasses KeepUnattributed { get; set; }

    public SearchPathChange? SearchPathChange { get; set; }

    public int Count => _entries?.Count ?? 0;

    public void Reset()
    {
        _entries?.Clear();
        Complete = true;
        IncompleteReason = null;
        KeepUnattributed = StatementClasses.None;
        SearchPathChange = null;
    }

    public void Incomplete(string reason)
    {
        Complete = false;
        IncompleteReason ??= reason;
    }

    public void Add(RelationName name, StatementClasses classes)
    {
        _entries ??= new List<RelationAccessEntry>(4);
        for (var i = 0; i < _entries.Count; i++)
        {
            if (_entries[i].Name == name)
            {
                _entries[i] = _entries[i] with { Classes = _entries[i].Classes | classes };
                return;
            }
        }
        _entries.Add(new RelationAccessEntry(name, classes));
    }

    /// <summary>The access at <paramref name="index"/>, for finding a name again without decoding it.</summary>
    public RelationName NameAt(int index) => _entries![index].Name;

    /// <summary>ORs <paramref name="classes"/> into the access at <paramref name="index"/>.</summary>
    public void AddAt(int index, StatementClasses classes) =>
        _entries![index] = _entries[index] with { Classes = _entries[index].Classes | classes };

    /// <summary>The union of every access's classes.</summary>
    public StatementClasses Union()
    {
        var union = StatementClasses.None;
        for (var i = 0; i < Count; i++)
        {
            union |= _entries![i].Classes;
        }
        return union;
    }

    public IReadOnlyList<RelationAccess> ToList()
    {
        if (Count == 0)
        {
            return [];
        }
        var list = new RelationAccess[_entries!.Count];
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = new RelationAccess(_entries[i].Name, _entries[i].Classes);
        }
        return list;
    }

    private readonly record struct RelationAccessEntry(RelationName Name, StatementClasses Classes);
}
