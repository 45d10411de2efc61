using Warden.Sql.Classification;
using Warden.Sql.Lexing;

namespace Warden.Sql.Relations;

/// <summary>
/// Built-in functions that name a relation in a string argument, which the server reads as a regclass
/// (functions-sequence.html, functions-xml.html#FUNCTIONS-XML-MAPPING), and set_config, which may change
/// search_path. The classifier's function scan finds their calls wherever they stand (a column default or a
/// USING expression runs them too), and only where something runs. User-defined functions are not looked into.
/// </summary>
internal sealed partial class RelationScanner
{
    /// <summary>
    /// The calls the classifier's function scan found (<see cref="StatementFacts.RelationFunctionCalls"/>); it
    /// covers every part of the statement that runs, so EXPLAIN without ANALYZE has none.
    /// </summary>
    private void ScanFunctions(StatementFacts facts, int end)
    {
        var calls = facts.RelationFunctionCalls;
        for (var c = 0; c < calls.Count; c++)
        {
            var (name, start, open) = calls[c];
            switch (name)
            {
                case "nextval" or "setval":
                    ReadRegclassArgument(open, end, Write);
                    break;
                case "currval" or "table_to_xml" or "table_to_xmlschema" or "table_to_xml_and_xmlschema":
                    ReadRegclassArgument(open, end, Read);
                    break;
                case "set_config":
                    ScanSetConfig(start, open, end);
                    break;
                case "schema_to_xml" or "schema_to_xmlschema" or "schema_to_xml_and_xmlschema" or "database_to_xml"
                    or "database_to_xmlschema" or "database_to_xml_and_xmlschema":
                    _out.Incomplete($"{name}() reads every table of a schema or database");
                    break;
                default:
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
