using System.Collections.Immutable;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Warden.Policy.Loading;

/// <summary>Builds a <see cref="SourceNode"/> tree from YamlDotNet's parser events, keeping every node's line and column.</summary>
internal static partial class SourceTreeReader
{
    public static SourceNode? Read(string text, Diagnostics diagnostics)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, SourceNode>(StringComparer.Ordinal);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                diagnostics.Add(1, 1, string.Empty, "the policy is empty");
                return null;
            }
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, anchors, diagnostics);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var extra))
            {
                diagnostics.Add(extra.Start, string.Empty, "the policy must be a single YAML document");
            }
            return root;
        }
        catch (YamlException e)
        {
            // YamlDotNet's messages describe the syntax, not the content; the place prefix is dropped as we carry it.
            diagnostics.Add(e.Start, string.Empty, $"invalid YAML: {PlacePrefix().Replace(e.Message, string.Empty)}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException on some malformed flow collections
            // (e.g. an unclosed "[a"); the last event it did produce is the closest place we have.
            var near = parser.Current?.End ?? Mark.Empty;
            diagnostics.Add(near, string.Empty, "invalid YAML: malformed text after this point (an unclosed [ or { ?)");
            return null;
        }
    }

    private static SourceNode ReadNode(IParser parser, Dictionary<string, SourceNode> anchors, Diagnostics diagnostics)
    {
        var start = parser.Current!.Start;
        SourceNode node;
        AnchorName anchor;
        switch (parser.Current)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                if (anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    return target;
                }
                diagnostics.Add(start, string.Empty, $"unknown alias '*{alias.Value.Value}'");
                return new SourceScalar(Line(start), Column(start), string.Empty, isPlain: true);
            case Scalar scalar:
                parser.MoveNext();
                anchor = scalar.Anchor;
                node = new SourceScalar(Line(start), Column(start), scalar.Value, scalar.Style is ScalarStyle.Plain or ScalarStyle.Any);
                break;
            case SequenceStart sequenceStart:
                parser.MoveNext();
                anchor = sequenceStart.Anchor;
                var items = ImmutableArray.CreateBuilder<SourceNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(parser, anchors, diagnostics));
                }
                node = new SourceSequence(Line(start), Column(start), items.ToImmutable());
                break;
            case MappingStart mappingStart:
                parser.MoveNext();
                anchor = mappingStart.Anchor;
                node = ReadMappingEntries(parser, start, anchors, diagnostics);
                break;
            default:
                throw new YamlException(start, parser.Current.End, "unexpected YAML event");
        }
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
        return node;
    }

    private static SourceMapping ReadMappingEntries(IParser parser, Mark start, Dictionary<string, SourceNode> anchors, Diagnostics diagnostics)
    {
        var entries = ImmutableArray.CreateBuilder<KeyValuePair<SourceScalar, SourceNode>>();
        var seen = new Dictionary<string, SourceScalar>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = ReadNode(parser, anchors, diagnostics);
            var value = ReadNode(parser, anchors, diagnostics);
            if (keyNode is not SourceScalar key)
            {
                diagnostics.Add(keyNode, string.Empty, $"a key must be a single value, found {keyNode.Kind}");
                continue;
            }
            if (seen.TryGetValue(key.Value, out var first))
            {
                diagnostics.Add(key, string.Empty, $"duplicate key '{key.Value}' (first at line {first.Line})");
                continue;
            }
            seen.Add(key.Value, key);
            entries.Add(new(key, value));
        }
        return new SourceMapping(Line(start), Column(start), entries.ToImmutable());
    }

    // YamlDotNet counts in longs; a policy never has 2^31 lines, the clamp only keeps the conversion total.
    internal static int Line(Mark mark) => (int)Math.Clamp(mark.Line, 0, int.MaxValue);

    internal static int Column(Mark mark) => (int)Math.Clamp(mark.Column, 0, int.MaxValue);

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PlacePrefix();
}
