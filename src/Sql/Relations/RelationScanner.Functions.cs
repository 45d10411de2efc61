using Warden.Sql.Lexing;

namespace Warden.Sql.Relations;

/// <summary>
/// Built-in functions that name a relation in a string argument, which the server reads as a regclass
/// (functions-sequence.html, functions-xml.html#FUNCTIONS-XML-MAPPING), and set_config, which may change
/// search_path. Found wherever they stand, like the classifier's own function scan: a column default or a
/// USING expression can run them too. User-defined functions are not looked into.
/// </summary>
internal sealed partial class RelationScanner
{
    private void ScanFunctions(int first, int end)
    {
        // EXPLAIN without ANALYZE runs nothing: a named sequence is only planned, so read.
        var planOnly = _explainPlansOnly;
        Span<char> buffer = stackalloc char[32];
        for (var i = first; i + 1 < end; i++)
        {
            if (!_tokens.IsOpen(i + 1) || !_tokens.IsWordToken(i) || _tokens[i].Length is < 6 or > 29
                || (_tokens.IsPunctuation(i - 1, '.') && SqlValues.Name(_tokens, i - 2) is not "pg_catalog"))
            {
                continue;
            }
            switch (_tokens.LowerWord(i, buffer))
            {
                case "nextval" or "setval":
                    ReadRegclassArgument(i + 1, end, planOnly ? Read : Write);
                    break;
                case "currval" or "table_to_xml" or "table_to_xmlschema" or "table_to_xml_and_xmlschema":
                    ReadRegclassArgument(i + 1, end, Read);
                    break;
                case "schema_to_xml" or "schema_to_xmlschema" or "schema_to_xml_and_xmlschema" or "database_to_xml"
                    or "database_to_xmlschema" or "database_to_xml_and_xmlschema":
                    _out.Incomplete($"{_tokens.TextOf(i)}() reads every table of a schema or database");
                    break;
                case "set_config":
                    ScanSetConfig(i, end);
                    break;
                case var name when name.StartsWith("dblink"):
                    _out.Incomplete("dblink runs SQL text, possibly against this database");
                    break;
            }
        }
    }

    /// <summary>The relation named by a string literal as the first argument, as regclass input parses it; otherwise incomplete.</summary>
    private void ReadRegclassArgument(int open, int end, StatementClasses classes)
    {
        var argument = open + 1;
        var next = argument + 1;
        var isLiteral = argument < end && _tokens[argument].IsStringConstant
            && (_tokens.IsPunctuation(next, ',') || _tokens.IsClose(next) || _tokens.IsPunctuation(next, "::") || _tokens.IsOperator(next, "::"));
        var text = isLiteral ? SqlValues.String(_tokens, argument, _context.StandardConformingStrings) : null;
        if (text is null || RegclassName(text) is not { } name)
        {
            _out.Incomplete("a sequence or table named by an expression");
            return;
        }
        _out.Add(name, classes);
    }

    /// <summary>regclass input (stringToQualifiedNameList): 1 to 3 dot-separated identifiers; a number is an OID, which only the catalog knows.</summary>
    private static RelationName? RegclassName(string text)
    {
        if (text.Trim().All(char.IsAsciiDigit))
        {
            return null;
        }
        var parts = ParseIdentifierList(text, '.', allowEmpty: false);
        return parts?.Count switch
        {
            1 => new RelationName(null, parts[0]),
            2 => new RelationName(parts[0], parts[1]),
            3 => new RelationName(parts[1], parts[2]) { Database = parts[0] },
            _ => null,
        };
    }
}
