using System.Diagnostics.CodeAnalysis;
using Warden.Grains.Interfaces.Sessions;

namespace Warden.Edge.Authentication;

/// <summary>The result of validating a token: an identity, or a failure that is safe to send to the client.</summary>
internal sealed class TokenValidationOutcome
{
    private TokenValidationOutcome(CallerIdentity? identity, TokenValidationFailure? failure)
    {
        Identity = identity;
        Failure = failure;
    }

    public CallerIdentity? Identity { get; }

    public TokenValidationFailure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Identity))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Identity is not null;

    public static TokenValidationOutcome Success(CallerIdentity identity) =>
        new(identity ?? throw new ArgumentNullException(nameof(identity)), null);

    public static TokenValidationOutcome Failed(TokenValidationFailure failure) =>
        new(null, failure ?? throw new ArgumentNullException(nameof(failure)));
}

/// <summary>
/// A refused token. <see cref="ClientMessage"/> is a fixed sentence chosen here, never exception text, so
/// nothing about keys, metadata or internals reaches the client.
/// </summary>
internal sealed record TokenValidationFailure(TokenFailureReason Reason, string SqlState, string ClientMessage)
{
    /// <summary>28P01 invalid_password: the token itself is bad, expired or not verifiable.</summary>
    public const string InvalidPassword = "28P01";

    /// <summary>28000 invalid_authorization_specification: a well-formed token this gateway does not accept.</summary>
    public const string InvalidAuthorization = "28000";

    internal static TokenValidationFailure For(TokenFailureReason reason) => reason switch
    {
        TokenFailureReason.Malformed => new(reason, InvalidPassword, "password is not a valid OIDC token (JWT)"),
        TokenFailureReason.UnsupportedAlgorithm => new(reason, InvalidPassword, "token signing algorithm is not accepted"),
        TokenFailureReason.UntrustedIssuer => new(reason, InvalidAuthorization, "token issuer is not trusted"),
        TokenFailureReason.InsecureIssuerMetadata => new(reason, InvalidAuthorization, "token issuer is not trusted"),
        TokenFailureReason.IssuerUnavailable => new(reason, InvalidPassword, "token could not be verified: identity provider unavailable"),
        TokenFailureReason.InvalidSignature => new(reason, InvalidPassword, "token signature is invalid"),
        TokenFailureReason.Expired => new(reason, InvalidPassword, "token has expired"),
        TokenFailureReason.NotYetValid => new(reason, InvalidPassword, "token is not yet valid"),
        TokenFailureReason.InvalidAudience => new(reason, InvalidPassword, "token audience is not accepted"),
        TokenFailureReason.MissingSubject => new(reason, InvalidPassword, "token has no subject"),
        TokenFailureReason.InvalidClaims => new(reason, InvalidPassword, "token claims are malformed"),
        _ => new(TokenFailureReason.Invalid, InvalidPassword, "token is invalid"),
    };
}
