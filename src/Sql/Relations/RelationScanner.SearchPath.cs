using Warden.Sql.Classification;
using Warden.Sql.Lexing;

namespace Warden.Sql.Relations;

/// <summary>
/// search_path changes: SET [SESSION | LOCAL] search_path, SET SCHEMA, RESET, and set_config
/// (https://www.postgresql.org/docs/current/sql-set.html, functions-admin.html#FUNCTIONS-ADMIN-SET).
/// Setting names are case-insensitive and may be quoted.
/// </summary>
internal sealed partial class RelationScanner
{
    private const string SearchPath = "search_path";

    private static SearchPathChange UnknownPath(bool isLocal) => new(null, isLocal) { Unknown = true };

    /// <summary>
    /// SET [SESSION | LOCAL] search_path {TO | =} value, ... | DEFAULT. The server quotes each value as an
    /// identifier before parsing the list (flatten_set_variable_args with GUC_LIST_QUOTE), so a string literal
    /// is one exact name: <c>SET search_path = 'Billing'</c> is schema "Billing", <c>'a, b'</c> is one schema.
    /// </summary>
    private void ScanSet(int first, int end)
    {
        var i = first + 1;
        var isLocal = false;
        if (_tokens.IsAnyWord(i, "session", "local") && !IsAssignment(i + 1) && !_tokens.IsPunctuation(i + 1, '.'))
        {
            isLocal = _tokens.IsWord(i, "local");
            i++;
        }
        if (_tokens.IsWord(i, "schema") && !IsAssignment(i + 1))
        {
            // SET SCHEMA 'value' is an alias for SET search_path TO value.
            var schema = i + 2 == end ? SqlValues.String(_tokens, i + 1, _context.StandardConformingStrings) : null;
            _out.SearchPathChange = schema is { Length: > 0 } ? new SearchPathChange([Truncate(schema)], isLocal) : UnknownPath(isLocal);
            return;
        }
        if (SqlValues.Name(_tokens, i) is not { } name || !name.Equals(SearchPath, StringComparison.OrdinalIgnoreCase)
            || _tokens.IsPunctuation(i + 1, '.'))
        {
            return;
        }
        i = AfterNamePart(i);
        if (!IsAssignment(i))
        {
            _out.SearchPathChange = UnknownPath(isLocal);
            return;
        }
        i++;
        if (_tokens.IsWord(i, "default") && i + 1 == end)
        {
            _out.SearchPathChange = new SearchPathChange(null, isLocal);
            return;
        }
        var schemas = new List<string>(2);
        while (true)
        {
            var value = SetValue(i, out var next);
            if (value is not { Length: > 0 } || next > end)
            {
                _out.SearchPathChange = UnknownPath(isLocal);
                return;
            }
            schemas.Add(Truncate(value));
            if (next == end)
            {
                break;
            }
            if (!_tokens.IsPunctuation(next, ','))
            {
                _out.SearchPathChange = UnknownPath(isLocal);
                return;
            }
            i = next + 1;
        }
        _out.SearchPathChange = new SearchPathChange(schemas, isLocal);
    }

    private bool IsAssignment(int i) => _tokens.IsWord(i, "to") || _tokens.IsOperator(i, "=");

    /// <summary>One SET value: a name (folded unless quoted), a string literal (exact), or a number.</summary>
    private string? SetValue(int i, out int next)
    {
        next = i + 1;
        if (i >= _tokens.Count)
        {
            return null;
        }
        switch (_tokens[i].Kind)
        {
            case SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier or SqlTokenKind.UnicodeQuotedIdentifier:
                next = AfterNamePart(i);
                return SqlValues.Name(_tokens, i);
            case SqlTokenKind.Number:
                return _tokens.TextOf(i).ToString();
            case SqlTokenKind.UnicodeString:
                next = _tokens.IsWord(i + 1, "uescape") ? i + 3 : i + 1;
                return SqlValues.String(_tokens, i, _context.StandardConformingStrings);
            default:
                return SqlValues.String(_tokens, i, _context.StandardConformingStrings);
        }
    }

    /// <summary>RESET search_path and RESET ALL return search_path to the session default.</summary>
    private void ScanReset(int first, int end)
    {
        var i = first + 1;
        if (i + 1 != end && !(_tokens[i].Kind == SqlTokenKind.UnicodeQuotedIdentifier && AfterNamePart(i) == end))
        {
            return;
        }
        if (_tokens.IsWord(i, "all") || (SqlValues.Name(_tokens, i) is { } name && name.Equals(SearchPath, StringComparison.OrdinalIgnoreCase)))
        {
            _out.SearchPathChange = new SearchPathChange(null, IsLocal: false);
        }
    }

    /// <summary>
    /// <c>set_config('search_path', value, is_local)</c>, wherever it stands. Its effect is certain only as the
    /// one item of a bare <c>SELECT set_config(...)</c> with literal arguments: anywhere else it may run any
    /// number of times, or not at all (a WHERE, a FROM with no rows, a CASE, a prepared statement, a column
    /// default), and a setting name that is not a literal may be search_path. Those cases give an unknown change.
    /// </summary>
    private void ScanSetConfig(int callStart, int open, int end)
    {
        var setting = SqlValues.String(_tokens, open + 1, _context.StandardConformingStrings);
        var settingIsLiteral = setting is not null && _tokens.IsPunctuation(open + 2, ',');
        if (settingIsLiteral && !setting!.Equals(SearchPath, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        var value = settingIsLiteral && _tokens.IsPunctuation(open + 4, ',')
            ? SqlValues.String(_tokens, open + 3, _context.StandardConformingStrings)
            : null;
        var isLocal = _tokens.IsClose(open + 6) ? LiteralBoolean(open + 5) : null;
        var certain = value is not null && isLocal is not null && _out.SearchPathChange is null
            && _tokens.IsWord(_statementFirst, "select") && callStart == _statementFirst + 1 && EndsStatement(open + 7, end);
        var schemas = certain ? ParseIdentifierList(value!, ',', allowEmpty: true) : null;
        _out.SearchPathChange = schemas is null ? UnknownPath(isLocal ?? false) : new SearchPathChange(schemas, isLocal!.Value);
    }

    /// <summary>True when the tokens from <paramref name="i"/> to the statement's end are at most an alias.</summary>
    private bool EndsStatement(int i, int end)
    {
        if (end != _statementEnd)
        {
            return false;
        }
        if (_tokens.IsWord(i, "as"))
        {
            i++;
        }
        return i == end || (IsNamePart(i, end, first: false) && AfterNamePart(i) == end);
    }

    /// <summary>PostgreSQL's parse_bool for a literal (true, false, on, off, yes, no, 1, 0 and prefixes); null otherwise.</summary>
    private bool? LiteralBoolean(int i)
    {
        if (i >= _tokens.Count)
        {
            return null;
        }
        var text = _tokens[i].Kind switch
        {
            SqlTokenKind.Word => SqlValues.Name(_tokens, i),
            SqlTokenKind.Number => _tokens.TextOf(i).ToString(),
            _ => SqlValues.String(_tokens, i, _context.StandardConformingStrings),
        };
        if (text is null)
        {
            return null;
        }
        var value = text.Trim().ToLowerInvariant();
        if (SettingRules.IsBooleanTrue(value))
        {
            return true;
        }
        var isFalse = value is "0" or "off" or "of" || (value.Length > 0 && ("false".StartsWith(value, StringComparison.Ordinal) || "no".StartsWith(value, StringComparison.Ordinal)));
        return isFalse ? false : null;
    }

    /// <summary>
    /// A list of identifiers as the server splits it (SplitIdentifierString), for search_path strings (','
    /// separated) and regclass input ('.' separated): whitespace around items ignored, <c>"..."</c> exact with
    /// <c>""</c> for a quote, other items folded to lower case and truncated; null when the server would reject
    /// it (an empty item, an unterminated quote, text after a quoted item).
    /// </summary>
    internal static List<string>? ParseIdentifierList(string value, char separator, bool allowEmpty)
    {
        var items = new List<string>(2);
        var i = SkipSpaces(value, 0);
        if (i == value.Length)
        {
            return allowEmpty ? items : null;
        }
        while (true)
        {
            string item;
            if (value[i] == '"')
            {
                var text = new System.Text.StringBuilder();
                for (i++; ; i++)
                {
                    if (i >= value.Length)
                    {
                        return null;
                    }
                    if (value[i] == '"')
                    {
                        if (i + 1 < value.Length && value[i + 1] == '"')
                        {
                            text.Append('"');
                            i++;
                            continue;
                        }
                        i++;
                        break;
                    }
                    text.Append(value[i]);
                }
                item = text.ToString();
            }
            else
            {
                var start = i;
                while (i < value.Length && value[i] != separator && !IsSpace(value[i]))
                {
                    i++;
                }
                item = string.Create(i - start, (value, start), static (span, state) =>
                {
                    for (var k = 0; k < span.Length; k++)
                    {
                        span[k] = SqlCharacters.ToLowerAscii(state.value[state.start + k]);
                    }
                });
            }
            if (item.Length == 0)
            {
                return null;
            }
            items.Add(Truncate(item));
            i = SkipSpaces(value, i);
            if (i == value.Length)
            {
                return items;
            }
            if (value[i] != separator)
            {
                return null;
            }
            i = SkipSpaces(value, i + 1);
            if (i == value.Length)
            {
                return null;
            }
        }
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

    private static int SkipSpaces(string value, int i)
    {
        while (i < value.Length && IsSpace(value[i]))
        {
            i++;
        }
        return i;
    }
}
