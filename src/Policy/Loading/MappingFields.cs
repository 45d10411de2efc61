using System.Collections.Immutable;
using System.Globalization;
using Warden.Sql;

namespace Warden.Policy.Loading;

/// <summary>
/// Typed access to one YAML mapping's fields. Every problem (unknown key, missing key, wrong type, bad value) is
/// reported to <see cref="Diagnostics"/> and reading goes on, so one load finds them all.
/// Messages may quote a field's value; callers never use these readers' quoting methods for secrets.
/// </summary>
internal sealed class MappingFields
{
    private readonly Diagnostics _diagnostics;

    public MappingFields(SourceMapping mapping, string path, Diagnostics diagnostics, params string[] knownKeys)
    {
        Mapping = mapping;
        Path = path;
        _diagnostics = diagnostics;
        foreach (var (key, _) in mapping.Entries)
        {
            if (!knownKeys.Contains(key.Value, StringComparer.Ordinal))
            {
                diagnostics.Add(key, path, $"unknown key '{key.Value}'{Suggestions.DidYouMean(key.Value, knownKeys)}");
            }
        }
    }

    public SourceMapping Mapping { get; }

    public string Path { get; }

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>The value of <paramref name="key"/>; null when absent or written as null.</summary>
    public SourceNode? Get(string key)
    {
        foreach (var (k, value) in Mapping.Entries)
        {
            if (string.Equals(k.Value, key, StringComparison.Ordinal))
            {
                return value is SourceScalar { IsNull: true } ? null : value;
            }
        }
        return null;
    }

    public SourceNode? Require(string key)
    {
        var value = Get(key);
        if (value is null)
        {
            _diagnostics.Add(Mapping, Path, $"missing required key '{key}'");
        }
        return value;
    }

    /// <summary>A non-empty single value, or null (reported) when missing or of the wrong kind. The value is never quoted.</summary>
    public string? RequiredString(string key) =>
        Require(key) is { } node ? ReadText(node, PathOf(key), _diagnostics) : null;

    public int Integer(string key, int defaultValue, int min, int max)
    {
        if (Get(key) is not { } node || ReadText(node, PathOf(key), _diagnostics) is not { } text)
        {
            return defaultValue;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        _diagnostics.Add(node, PathOf(key), $"'{text}' is not a whole number from {min} to {max}");
        return defaultValue;
    }

    public T Choice<T>(string key, T defaultValue, params (string Name, T Value)[] choices)
    {
        return Get(key) is { } node ? ReadChoice(node, PathOf(key), _diagnostics, defaultValue, choices) : defaultValue;
    }

    /// <summary>A list of non-empty names; empty when absent. Duplicates are dropped, order kept.</summary>
    public ImmutableArray<string> Names(string key) =>
        Get(key) is { } node ? ReadNames(node, PathOf(key), _diagnostics) : [];

    /// <summary>A list of statement class names (<c>[read, write]</c>) as flags; None when absent.</summary>
    public StatementClasses Classes(string key)
    {
        var result = StatementClasses.None;
        if (Get(key) is not SourceNode node)
        {
            return result;
        }
        var valid = Enum.GetValues<StatementClasses>().Where(c => c != StatementClasses.None).Select(c => c.ToNames()[0]).ToArray();
        foreach (var (item, text) in ReadNameItems(node, PathOf(key), _diagnostics))
        {
            if (StatementClassNames.TryParse(text, out var parsed))
            {
                result |= parsed;
            }
            else
            {
                _diagnostics.Add(item, PathOf(key), $"unknown statement class '{text}'{Suggestions.DidYouMean(text, valid)}; classes are {string.Join(", ", valid)}");
            }
        }
        return result;
    }

    public static string? ReadText(SourceNode node, string path, Diagnostics diagnostics)
    {
        if (node is SourceScalar { IsNull: false } scalar && scalar.Value.Trim().Length > 0)
        {
            return scalar.Value;
        }
        diagnostics.Add(node, path, node is SourceScalar ? "expected a value, found an empty one" : $"expected a single value, found {node.Kind}");
        return null;
    }

    /// <summary>One of <paramref name="choices"/>, by the raw text (so <c>null</c> can be a choice, as in masking methods).</summary>
    public static T ReadChoice<T>(SourceNode node, string path, Diagnostics diagnostics, T defaultValue, params (string Name, T Value)[] choices)
    {
        if (node is not SourceScalar scalar)
        {
            diagnostics.Add(node, path, $"expected one of {string.Join(" | ", choices.Select(c => c.Name))}, found {node.Kind}");
            return defaultValue;
        }
        foreach (var (name, value) in choices)
        {
            if (string.Equals(name, scalar.Value, StringComparison.Ordinal))
            {
                return value;
            }
        }
        var names = choices.Select(c => c.Name).ToArray();
        diagnostics.Add(node, path, $"'{scalar.Value}' is not one of {string.Join(" | ", names)}{Suggestions.DidYouMean(scalar.Value, names)}");
        return defaultValue;
    }

    public static ImmutableArray<string> ReadNames(SourceNode node, string path, Diagnostics diagnostics) =>
        [.. ReadNameItems(node, path, diagnostics).Select(i => i.Text).Distinct(StringComparer.Ordinal)];

    /// <summary>The items of a list of single values, with their nodes for error places; problems reported.</summary>
    public static IEnumerable<(SourceNode Node, string Text)> ReadNameItems(SourceNode node, string path, Diagnostics diagnostics)
    {
        if (node is not SourceSequence sequence)
        {
            diagnostics.Add(node, path, $"expected a list like [a, b], found {node.Kind}");
            yield break;
        }
        for (var i = 0; i < sequence.Items.Length; i++)
        {
            if (ReadText(sequence.Items[i], $"{path}[{i}]", diagnostics) is { } text)
            {
                yield return (sequence.Items[i], text);
            }
        }
    }

    /// <summary>The node as a mapping, or null (reported) when it is something else.</summary>
    public static SourceMapping? AsMapping(SourceNode node, string path, Diagnostics diagnostics)
    {
        if (node is SourceMapping mapping)
        {
            return mapping;
        }
        diagnostics.Add(node, path, $"expected a mapping of keys to values, found {node.Kind}");
        return null;
    }
}
