namespace Warden.Grains.Interfaces.Policy;

/// <summary>
/// A policy as its YAML text and the version the cluster gave it. The text may hold secret references
/// (resolved by each silo at load) and is never returned to API callers as is.
/// </summary>
/// <param name="SourcePath">The file it came from, so relative ${file:...} references resolve the same way.</param>
[GenerateSerializer, Immutable, Alias("Warden.PolicyDocument")]
public sealed record PolicyDocument(
    [property: Id(0)] long Version,
    [property: Id(1)] string Yaml,
    [property: Id(2)] string? SourcePath);

/// <summary>One validation error of a submitted policy, with where it is.</summary>
[GenerateSerializer, Immutable, Alias("Warden.PolicyProblem")]
public sealed record PolicyProblem(
    [property: Id(0)] int Line,
    [property: Id(1)] int Column,
    [property: Id(2)] string Path,
    [property: Id(3)] string Message);

/// <summary>The new version, or every problem that kept the policy from being installed.</summary>
[GenerateSerializer, Immutable, Alias("Warden.PolicyUpdateResult")]
public sealed record PolicyUpdateResult(
    [property: Id(0)] long? Version,
    [property: Id(1)] IReadOnlyList<PolicyProblem> Problems);
