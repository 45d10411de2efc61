using System.Text;
using Warden.Sql.Lexing;

namespace Warden.Sql.Relations;

/// <summary>
/// Relation names: where one ends, how it decodes (folded, unquoted, truncated like the server), CTE shadowing,
/// and recording an access.
/// </summary>
internal sealed partial class RelationScanner
{
    /// <summary>
    /// Reads the relation name at <paramref name="i"/> and records it with <paramref name="classes"/>, unless it
    /// is an unqualified name a CTE in scope shadows and <paramref name="allowCte"/>. Returns the index after
    /// the name, or <paramref name="i"/> (and marks the list incomplete) when there is no readable name.
    /// </summary>
    private int ReadRelation(int i, int end, StatementClasses classes, bool allowCte) =>
        ReadRelation(i, NameEnd(i, end, out var parts), parts, classes, allowCte);

    /// <summary><see cref="ReadRelation(int, int, StatementClasses, bool)"/> for a name whose end the caller has found.</summary>
    private int ReadRelation(int i, int after, int parts, StatementClasses classes, bool allowCte)
    {
        if (TryFindKnown(i, parts, allowCte, out var known))
        {
            if (known >= 0)
            {
                _out.AddAt(known, _planOnly ? Read : classes);
            }
            return after;
        }
        if (!TryDecode(i, parts, out var name))
        {
            _out.Incomplete("a relation name the scan cannot read");
            return i;
        }
        if (!(allowCte && name.Schema is null && IsCte(name.Name)))
        {
            Record(name, classes);
        }
        return after;
    }

    /// <summary><c>[IF EXISTS] [ONLY] name [*] [(columns)], ...</c>; returns the index after the list.</summary>
    private int ReadRelationList(int i, int end, StatementClasses classes, bool allowOnly = false, bool skipColumns = false)
    {
        i = SkipIfExists(i);
        while (true)
        {
            if (allowOnly && _tokens.IsWord(i, "only"))
            {
                i++;
            }
            var after = ReadRelation(i, end, classes, allowCte: false);
            if (after == i)
            {
                return i;
            }
            i = _tokens.IsOperator(after, "*") ? after + 1 : after;
            if (skipColumns && _tokens.IsOpen(i))
            {
                i = _tokens.MatchingClose(i, end) + 1;
            }
            if (!_tokens.IsPunctuation(i, ','))
            {
                return i;
            }
            i++;
        }
    }

    /// <summary>
    /// Whether the one- or two-part name at <paramref name="i"/> is a CTE in scope (<paramref name="index"/> -1) or
    /// a relation already recorded (its index), found by comparing tokens with the stored names so that a
    /// relation named many times is decoded once. False when it is neither, or the tokens are not simple
    /// enough to compare without decoding.
    /// </summary>
    private bool TryFindKnown(int i, int parts, bool allowCte, out int index)
    {
        index = -1;
        var nameIndex = parts == 2 ? i + 2 : i;
        if (parts is not (1 or 2) || (parts == 2 && !_tokens.IsPunctuation(i + 1, '.')) || !IsSimplePart(i) || !IsSimplePart(nameIndex))
        {
            return false;
        }
        if (parts == 1 && allowCte && _ctes is not null)
        {
            foreach (var cte in _ctes)
            {
                if (PartEquals(i, cte))
                {
                    return true;
                }
            }
        }
        for (var k = 0; k < _out.Count; k++)
        {
            var known = _out.NameAt(k);
            if (known.Database is null && PartEquals(nameIndex, known.Name)
                && (parts == 1 ? known.Schema is null : known.Schema is not null && PartEquals(i, known.Schema)))
            {
                index = k;
                return true;
            }
        }
        return false;
    }

    /// <summary>A word or a quoted identifier without <c>""</c>, short enough (21 characters) never to be truncated.</summary>
    private bool IsSimplePart(int i)
    {
        var token = _tokens[i];
        return token.Kind switch
        {
            SqlTokenKind.Word => token.Length <= 21,
            SqlTokenKind.QuotedIdentifier => token.Length <= 23 && !token.IsFaulty && _tokens.TextOf(i)[1..^1].IndexOf('"') < 0,
            _ => false,
        };
    }

    /// <summary>Whether the simple name token at <paramref name="i"/> decodes to <paramref name="value"/>.</summary>
    private bool PartEquals(int i, string value)
    {
        var text = _tokens.TextOf(i);
        if (_tokens[i].Kind == SqlTokenKind.QuotedIdentifier)
        {
            return text[1..^1].SequenceEqual(value);
        }
        if (text.Length != value.Length)
        {
            return false;
        }
        for (var k = 0; k < text.Length; k++)
        {
            if (SqlCharacters.ToLowerAscii(text[k]) != value[k])
            {
                return false;
            }
        }
        return true;
    }

    private int SkipIfExists(int i)
    {
        if (_tokens.IsWord(i, "if") && _tokens.IsWord(i + 1, "not") && _tokens.IsWord(i + 2, "exists"))
        {
            return i + 3;
        }
        return _tokens.IsWord(i, "if") && _tokens.IsWord(i + 1, "exists") ? i + 2 : i;
    }

    private bool IsCte(string name)
    {
        if (_ctes is null)
        {
            return false;
        }
        for (var i = _ctes.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_ctes[i], name, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The end of a qualified name <c>a[.b[.c]]</c> at <paramref name="i"/>, counting its parts; <paramref name="i"/>
    /// with 0 parts when no name starts there. The first part cannot be an unquoted reserved word (ColId);
    /// later parts can be any word (attr_name).
    /// </summary>
    private int NameEnd(int i, int end, out int parts)
    {
        parts = 0;
        if (!IsNamePart(i, end, first: true))
        {
            return i;
        }
        parts = 1;
        var j = AfterNamePart(i);
        while (_tokens.IsPunctuation(j, '.') && IsNamePart(j + 1, end, first: false))
        {
            parts++;
            j = AfterNamePart(j + 1);
        }
        return j;
    }

    private bool IsNamePart(int i, int end, bool first)
    {
        if (i >= end || _tokens[i].IsFaulty)
        {
            return false;
        }
        var kind = _tokens[i].Kind;
        if (kind is SqlTokenKind.QuotedIdentifier or SqlTokenKind.UnicodeQuotedIdentifier)
        {
            return true;
        }
        if (kind != SqlTokenKind.Word)
        {
            return false;
        }
        Span<char> buffer = stackalloc char[17];
        return !first || !SqlKeywords.IsNotColId(_tokens.LowerWord(i, buffer));
    }

    /// <summary>Past a name token, including a <c>UESCAPE 'c'</c> clause after a <c>U&amp;"..."</c> identifier.</summary>
    private int AfterNamePart(int i) =>
        _tokens[i].Kind == SqlTokenKind.UnicodeQuotedIdentifier && _tokens.IsWord(i + 1, "uescape") ? i + 3 : i + 1;

    /// <summary>Decodes a name of 1 to 3 parts starting at <paramref name="i"/> (see <see cref="NameEnd"/>).</summary>
    private bool TryDecode(int i, int parts, out RelationName name)
    {
        name = default;
        if (parts is < 1 or > 3)
        {
            return false;
        }
        string? first = null, second = null, third = null;
        for (var p = 0; p < parts; p++)
        {
            var part = DecodePart(i);
            if (part is null)
            {
                return false;
            }
            (first, second, third) = p switch { 0 => (part, second, third), 1 => (first, part, third), _ => (first, second, part) };
            i = AfterNamePart(i) + 1;
        }
        name = parts switch
        {
            1 => new RelationName(null, first!),
            2 => new RelationName(first, second!),
            _ => new RelationName(second, third!) { Database = first },
        };
        return true;
    }

    private string? DecodePart(int i) => SqlValues.Name(_tokens, i) is { } value ? Truncate(value) : null;

    /// <summary>PostgreSQL truncates identifiers to 63 bytes (in UTF-8), never inside a character (truncate_identifier).</summary>
    internal static string Truncate(string name)
    {
        if (name.Length * 3 <= MaxNameBytes || Encoding.UTF8.GetByteCount(name) <= MaxNameBytes)
        {
            return name;
        }
        var bytes = 0;
        for (var i = 0; i < name.Length; i++)
        {
            var length = char.IsHighSurrogate(name[i]) && i + 1 < name.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(name.AsSpan(i, length));
            if (bytes + size > MaxNameBytes)
            {
                return name[..i];
            }
            bytes += size;
            i += length - 1;
        }
        return name;
    }
}
