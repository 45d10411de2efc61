using System.Collections.Immutable;

namespace Warden.Policy.Loading;

/// <summary>
/// A YAML node with the place it was written. Our own small tree instead of YamlDotNet's representation model,
/// because that model throws on the first duplicate key, and we report every problem at once.
/// </summary>
internal abstract class SourceNode(int line, int column)
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>What the node is, for "expected a list, found a mapping".</summary>
    public abstract string Kind { get; }
}

internal sealed class SourceScalar(int line, int column, string value, bool isPlain) : SourceNode(line, column)
{
    public string Value { get; } = value;

    /// <summary>Unquoted in the YAML: only plain scalars can be null (<c>~</c>, <c>null</c> or nothing).</summary>
    public bool IsPlain { get; } = isPlain;

    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Kind => IsNull ? "nothing" : "a single value";
}

internal sealed class SourceSequence(int line, int column, ImmutableArray<SourceNode> items) : SourceNode(line, column)
{
    public ImmutableArray<SourceNode> Items { get; } = items;

    public override string Kind => "a list";
}

internal sealed class SourceMapping(int line, int column, ImmutableArray<KeyValuePair<SourceScalar, SourceNode>> entries)
    : SourceNode(line, column)
{
    /// <summary>In document order, without duplicates (the first occurrence of a key is kept).</summary>
    public ImmutableArray<KeyValuePair<SourceScalar, SourceNode>> Entries { get; } = entries;

    public override string Kind => "a mapping";
}
