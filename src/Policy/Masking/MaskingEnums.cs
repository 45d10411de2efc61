namespace Warden.Policy.Masking;

/// <summary>How a masked column's value is replaced. YAML: <c>redact | null | partial | hash</c>.</summary>
public enum MaskingMethod
{
    Redact = 0,
    Null = 1,
    Partial = 2,
    Hash = 3,
}

/// <summary>
/// Content-based detectors applied to any text value. YAML: <c>email | credit_card | ssn</c>.
/// Only detectors the edge implements are listed: accepting a name nobody implements would look like
/// protection and leak instead.
/// </summary>
public enum MaskingDetector
{
    Email = 0,
    CreditCard = 1,
    Ssn = 2,
}
