namespace Warden.Edge.Authentication;

/// <summary>Why a token was refused. For logs and tests; clients see only the fixed message and SQLSTATE.</summary>
internal enum TokenFailureReason
{
    Malformed,
    UnsupportedAlgorithm,
    UntrustedIssuer,
    InsecureIssuerMetadata,
    IssuerUnavailable,
    InvalidSignature,
    Expired,
    NotYetValid,
    InvalidAudience,
    MissingSubject,
    InvalidClaims,
    Invalid,
}
