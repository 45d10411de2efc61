using System.Text;
using Warden.Grains.Interfaces.Masking;

namespace Warden.Edge.Masking;

/// <summary>
/// The detectors a policy lists (<c>masking.detectors</c>), run together over a value's text: every match of any
/// of them is replaced by a label (<c>[email]</c>, <c>[credit_card]</c>, <c>[ssn]</c>); overlapping matches are
/// merged. All scanners are linear, so a long or hostile value costs time in proportion to its length.
/// </summary>
internal sealed class ContentDetectors
{
    private readonly bool _email;
    private readonly bool _creditCard;
    private readonly bool _ssn;

    public ContentDetectors(IEnumerable<MaskDetector> detectors)
    {
        foreach (var detector in detectors)
        {
            _email |= detector == MaskDetector.Email;
            _creditCard |= detector == MaskDetector.CreditCard;
            _ssn |= detector == MaskDetector.Ssn;
        }
    }

    public bool IsEmpty => !(_email || _creditCard || _ssn);

    /// <summary><paramref name="text"/> with every detected value replaced; the same instance when nothing matched.</summary>
    public string Mask(string text)
    {
        if (IsEmpty || text.Length == 0)
        {
            return text;
        }
        var matches = new List<(int Start, int End, string Label)>();
        var found = new List<(int Start, int End)>();
        Collect(_email, EmailDetector.Find, "[email]");
        Collect(_creditCard, CreditCardDetector.Find, "[credit_card]");
        Collect(_ssn, SsnDetector.Find, "[ssn]");
        if (matches.Count == 0)
        {
            return text;
        }
        matches.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var builder = new StringBuilder(text.Length);
        var position = 0;
        var index = 0;
        while (index < matches.Count)
        {
            var (start, end, label) = matches[index++];
            while (index < matches.Count && matches[index].Start < end)
            {
                end = Math.Max(end, matches[index++].End);
            }
            builder.Append(text, position, start - position).Append(label);
            position = end;
        }
        return builder.Append(text, position, text.Length - position).ToString();

        void Collect(bool enabled, FindMatches find, string label)
        {
            if (!enabled)
            {
                return;
            }
            found.Clear();
            find(text, found);
            foreach (var (start, end) in found)
            {
                matches.Add((start, end, label));
            }
        }
    }

    private delegate void FindMatches(ReadOnlySpan<char> text, List<(int Start, int End)> matches);
}
