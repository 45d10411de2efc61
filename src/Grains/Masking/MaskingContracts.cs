using Warden.Grains.Interfaces.Masking;
using Warden.Policy.Masking;

namespace Warden.Grains.Masking;

/// <summary>The policy's masking names as the contract types edges receive (the edge references no policy library).</summary>
internal static class MaskingContracts
{
    public static MaskMethod ToContract(this MaskingMethod method) => method switch
    {
        MaskingMethod.Null => MaskMethod.Null,
        MaskingMethod.Partial => MaskMethod.Partial,
        MaskingMethod.Hash => MaskMethod.Hash,
        _ => MaskMethod.Redact,
    };

    public static MaskDetector ToContract(this MaskingDetector detector) => detector switch
    {
        MaskingDetector.Email => MaskDetector.Email,
        MaskingDetector.CreditCard => MaskDetector.CreditCard,
        MaskingDetector.Ssn => MaskDetector.Ssn,
        _ => throw new ArgumentOutOfRangeException(nameof(detector), detector, "a detector the edge does not implement"),
    };

    /// <summary>The key a catalog's <see cref="CatalogMasking"/> must carry to serve these columns.</summary>
    public static string KeyOf(IEnumerable<MaskedColumn> columns) =>
        CatalogMasking.KeyOf(columns.Select(c => (c.Schema, c.Table, c.Column, c.Method.ToContract())));
}
