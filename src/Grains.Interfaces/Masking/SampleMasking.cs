namespace Warden.Grains.Interfaces.Masking;

/// <summary>A result column masked wherever a RowDescription names it: (table or view OID, attribute number).</summary>
[GenerateSerializer, Immutable, Alias("Warden.MaskedField")]
public sealed record MaskedField(
    [property: Id(0)] uint TableOid,
    [property: Id(1)] short ColumnNumber,
    [property: Id(2)] MaskMethod Method);

/// <summary>
/// How an edge masks the sample rows it records (policy <c>recording.results: masked</c>). Its presence in a
/// <see cref="Sessions.SessionPlan"/> means "sample"; absent, results are recorded as tags and counts only.
/// Applies to every caller, <c>masking.exemptGroups</c> included: whoever reads a recording is not the exempt caller.
/// </summary>
/// <param name="Fields">Masked table columns and the view columns derived from them, resolved by the catalog grain.</param>
/// <param name="MasksColumns">
/// The policy masks at least one column: then a computed value (no table OID), a whole row of a relation with
/// masked fields, and a column of a relation the catalog did not know are redacted unless their type is a
/// <see cref="PlainScalarTypes">plain scalar</see>.
/// </param>
/// <param name="HashKey">HMAC-SHA256 key of the <c>hash</c> method (the silo's <c>Warden:Masking:HashKey</c>); never recorded or logged.</param>
/// <param name="KnownRelationsUpTo">
/// The highest relation OID in the catalog snapshot the fields came from. A relation with a higher OID was created
/// after it (a view made in this session, say), so nothing is known about what it exposes.
/// </param>
[GenerateSerializer, Immutable, Alias("Warden.SampleMasking")]
public sealed record SampleMasking(
    [property: Id(0)] IReadOnlyList<MaskedField> Fields,
    [property: Id(1)] IReadOnlyList<MaskDetector> Detectors,
    [property: Id(2)] bool MasksColumns,
    [property: Id(3)] byte[] HashKey,
    [property: Id(4)] uint KnownRelationsUpTo)
{
    /// <summary>Leaves the key out, so a plan written to a log never carries it.</summary>
    public override string ToString() =>
        $"SampleMasking {{ Fields = {Fields.Count}, Detectors = [{string.Join(", ", Detectors)}], MasksColumns = {MasksColumns}, KnownRelationsUpTo = {KnownRelationsUpTo} }}";
}
