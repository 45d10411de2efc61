namespace Warden.Recording;

/// <summary>Masked sample rows as a small aligned table.</summary>
internal static class SampleTable
{
    private const int MaxCellChars = 40;

    public static void Write(TextWriter output, string indent, IReadOnlyList<string>? columns, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        var width = Math.Max(columns?.Count ?? 0, rows.Max(row => row?.Count ?? 0));
        var cells = new List<string[]>();
        if (columns is not null)
        {
            cells.Add([.. Enumerable.Range(0, width).Select(i => i < columns.Count ? TextSanitizer.Clean(columns[i], MaxCellChars) : "")]);
        }

        foreach (var row in rows)
        {
            cells.Add([.. Enumerable.Range(0, width).Select(i => row is not null && i < row.Count
                ? row[i] is { } value ? TextSanitizer.Clean(value, MaxCellChars) : "NULL"
                : "")]);
        }

        var widths = Enumerable.Range(0, width).Select(i => cells.Max(row => row[i].Length)).ToArray();
        for (var r = 0; r < cells.Count; r++)
        {
            output.WriteLine(indent + "| " + string.Join(" | ", cells[r].Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
            if (r == 0 && columns is not null)
            {
                output.WriteLine(indent + "|-" + string.Join("-|-", widths.Select(w => new string('-', w))));
            }
        }
    }
}
