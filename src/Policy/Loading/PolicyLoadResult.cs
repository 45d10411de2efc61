using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Warden.Policy.Loading;

/// <summary>Either a snapshot or every error found; an invalid policy is an expected outcome, not an exception.</summary>
public sealed class PolicyLoadResult
{
    private PolicyLoadResult(PolicySnapshot? snapshot, ImmutableArray<PolicyError> errors)
    {
        Snapshot = snapshot;
        Errors = errors;
    }

    public PolicySnapshot? Snapshot { get; }

    /// <summary>In document order; empty when <see cref="Succeeded"/>.</summary>
    public ImmutableArray<PolicyError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Snapshot))]
    public bool Succeeded => Snapshot is not null;

    /// <summary>The errors, one per line, with the source path in front when known (for logs and API responses).</summary>
    public string Describe(string? sourcePath = null) =>
        string.Join(Environment.NewLine, Errors.Select(e => sourcePath is null ? e.ToString() : $"{sourcePath}: {e}"));

    internal static PolicyLoadResult Success(PolicySnapshot snapshot) => new(snapshot, []);

    internal static PolicyLoadResult Failure(IEnumerable<PolicyError> errors) =>
        new(null, [.. errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);

    public override string ToString() =>
        Succeeded ? $"loaded {Snapshot}" : $"{Errors.Length} policy error(s)";
}
