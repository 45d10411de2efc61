using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Warden.Edge.Authentication;

/// <summary>How the edge validates the OIDC tokens clients present as their PostgreSQL password.</summary>
internal sealed class TokenValidationOptions
{
    public const string SectionName = "Warden:Authentication";

    /// <summary>
    /// Tolerance for clock differences between the issuer and this edge when checking exp and nbf.
    /// Default 30 seconds; at most 5 minutes, since a larger skew stretches every token's lifetime.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Least time between two forced metadata refreshes of one issuer, triggered by a token whose key id
    /// is not in the cached key set (key rotation). Bounds how often a flood of forged key ids can make
    /// the edge call the issuer. Default 1 minute; the library's minimum is 1 second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long discovery metadata and keys are cached before they are fetched again regardless of use,
    /// so keys an issuer withdrew stop being trusted. Default 1 hour; the library's minimum is 5 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan AutomaticRefreshInterval { get; set; } = TimeSpan.FromHours(1);
}

[OptionsValidator]
internal sealed partial class TokenValidationOptionsValidator : IValidateOptions<TokenValidationOptions>;
