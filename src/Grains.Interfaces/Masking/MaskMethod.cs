namespace Warden.Grains.Interfaces.Masking;

/// <summary>How a masked column's value is replaced (policy <c>masking.columns</c>: redact | null | partial | hash).</summary>
[Alias("Warden.MaskMethod")]
public enum MaskMethod
{
    Redact = 0,
    Null = 1,
    Partial = 2,
    Hash = 3,
}

/// <summary>Content detectors (policy <c>masking.detectors</c>): matched substrings of any value are replaced.</summary>
[Alias("Warden.MaskDetector")]
public enum MaskDetector
{
    Email = 0,
    CreditCard = 1,
    Ssn = 2,
}

public static class MaskMethods
{
    /// <summary>
    /// The method that reveals less: partial (a few characters) &lt; hash (equality) &lt; redact = null (nothing;
    /// null also hides whether there was a value, so it ranks last). Used where one output derives from several
    /// masked columns (a view's column), since the catalog cannot say which.
    /// </summary>
    public static MaskMethod Strictest(MaskMethod a, MaskMethod b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(MaskMethod method) => method switch
    {
        MaskMethod.Partial => 0,
        MaskMethod.Hash => 1,
        MaskMethod.Redact => 2,
        _ => 3,
    };
}
