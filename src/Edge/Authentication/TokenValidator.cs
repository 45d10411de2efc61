using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;
using Warden.Grains.Interfaces.Policy;
using Warden.Grains.Interfaces.Sessions;

namespace Warden.Edge.Authentication;

/// <summary>
/// Validates the OIDC token a client presents as its PostgreSQL password and maps it to a <see cref="CallerIdentity"/>.
/// Expected failures are returned, never thrown, and carry only fixed client-safe text. Metadata is cached per
/// issuer, so a fleet presenting the same tokens costs a signature check each, not a fetch.
/// </summary>
internal sealed partial class TokenValidator
{
    // Far above any real id token, far below a PostgreSQL password message limit; stops parsing huge inputs.
    internal const int MaxTokenLength = 16 * 1024;

    private readonly IIssuerSource _issuerSource;
    private readonly IDocumentRetriever _documentRetriever;
    private readonly TokenValidationOptions _options;
    private readonly ILogger<TokenValidator> _logger;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly ConcurrentDictionary<string, IssuerMetadata> _metadata = new(StringComparer.Ordinal);

    public TokenValidator(
        IIssuerSource issuerSource,
        IHttpClientFactory httpClientFactory,
        IOptions<TokenValidationOptions> options,
        ILogger<TokenValidator> logger)
    {
        _issuerSource = issuerSource;
        _documentRetriever = new MetadataDocumentRetriever(httpClientFactory);
        _options = options.Value;
        _logger = logger;
        if (!MetadataRefreshMode.EnsureBlocking())
            Log.BlockingRefreshNotConfigured(_logger, MetadataRefreshMode.BlockingSwitch);
    }

    /// <summary>
    /// Validates <paramref name="token"/>. Returns a failure for every problem with the token or its issuer's
    /// metadata; throws only when <paramref name="ct"/> is cancelled or the <see cref="IIssuerSource"/> throws
    /// (the cluster is unreachable), which the caller reports as such rather than as a bad password.
    /// </summary>
    public async Task<TokenValidationOutcome> ValidateAsync(string token, CancellationToken ct)
    {
        if (!TryParse(token, out JsonWebToken? jwt))
            return Reject(TokenFailureReason.Malformed, issuer: null);

        // Checked before any key lookup or fetch: "none", HMAC and unknown algorithms never get further.
        if (!AsymmetricAlgorithms.IsAccepted(jwt.Alg))
            return Reject(TokenFailureReason.UnsupportedAlgorithm, issuer: null);

        IdentityIssuer? issuer = await FindTrustedIssuerAsync(jwt.Issuer, ct).ConfigureAwait(false);
        if (issuer is null)
            return Reject(TokenFailureReason.UntrustedIssuer, issuer: null);

        if (!MetadataAddressPolicy.IsAllowed(issuer.Issuer))
        {
            Log.InsecureIssuerMetadata(_logger, issuer.Issuer);
            return Reject(TokenFailureReason.InsecureIssuerMetadata, issuer.Issuer);
        }

        IssuerMetadata metadata = _metadata.GetOrAdd(
            issuer.Issuer, static (url, self) => new IssuerMetadata(url, self._documentRetriever, self._options), this);

        SigningKeySet? keys = await GetKeysAsync(metadata, refresh: false, ct).ConfigureAwait(false);
        if (keys is null)
            return Reject(TokenFailureReason.IssuerUnavailable, issuer.Issuer);

        TokenValidationResult result = await ValidateSignedTokenAsync(jwt, issuer, keys).ConfigureAwait(false);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Probably a key rotation: fetch the key set again (rate-limited by the manager) and retry once.
            Log.SigningKeyRefreshRequested(_logger, issuer.Issuer);
            SigningKeySet? refreshed = await GetKeysAsync(metadata, refresh: true, ct).ConfigureAwait(false);
            if (refreshed is not null && !ReferenceEquals(refreshed.Source, keys.Source))
                result = await ValidateSignedTokenAsync(jwt, issuer, refreshed).ConfigureAwait(false);
        }

        if (!result.IsValid)
            return Reject(Classify(result.Exception), issuer.Issuer);

        if (!IdentityClaims.TryCreateIdentity(jwt, issuer, out CallerIdentity? identity, out TokenFailureReason claimsFailure))
            return Reject(claimsFailure, issuer.Issuer);

        Log.TokenAccepted(_logger, issuer.Issuer, identity.TokenId);
        return TokenValidationOutcome.Success(identity);
    }

    private static bool TryParse(string? token, [NotNullWhen(true)] out JsonWebToken? jwt)
    {
        jwt = null;
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength)
            return false;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            // SecurityTokenMalformedException derives from ArgumentException.
            return false;
        }

        // Encrypted tokens (JWE) are not issued by any issuer we trust; refuse rather than decrypt.
        return !jwt.IsEncrypted;
    }

    private async Task<IdentityIssuer?> FindTrustedIssuerAsync(string? tokenIssuer, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(tokenIssuer))
            return null;
        IReadOnlyList<IdentityIssuer> trusted = await _issuerSource.GetIssuersAsync(ct).ConfigureAwait(false);
        foreach (IdentityIssuer candidate in trusted)
        {
            if (string.Equals(candidate.Issuer, tokenIssuer, StringComparison.Ordinal))
                return candidate;
        }

        return null;
    }

    private async Task<SigningKeySet?> GetKeysAsync(IssuerMetadata metadata, bool refresh, CancellationToken ct)
    {
        SigningKeySet keys;
        try
        {
            keys = refresh
                ? await metadata.RefreshKeysAsync(ct).ConfigureAwait(false)
                : await metadata.GetKeysAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Log.IssuerMetadataUnavailable(_logger, metadata.Issuer, ex);
            return null;
        }

        // OIDC Discovery 1.0 section 4.3: the document must name exactly the issuer it was fetched for.
        if (!string.Equals(keys.DeclaredIssuer, metadata.Issuer, StringComparison.Ordinal))
        {
            Log.DiscoveryIssuerMismatch(_logger, metadata.Issuer);
            return null;
        }

        return keys;
    }

    private Task<TokenValidationResult> ValidateSignedTokenAsync(JsonWebToken jwt, IdentityIssuer issuer, SigningKeySet keys)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer.Issuer,
            ValidAudience = issuer.Audience,
            IssuerSigningKeys = keys.Keys,
            ValidAlgorithms = AsymmetricAlgorithms.All,
            ValidateIssuer = true,
            ValidateAudience = true,
            RequireAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = _options.ClockSkew,
        };
        return _handler.ValidateTokenAsync(jwt, parameters);
    }

    private static TokenFailureReason Classify(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => TokenFailureReason.Expired,
        SecurityTokenNotYetValidException => TokenFailureReason.NotYetValid,
        SecurityTokenInvalidAudienceException => TokenFailureReason.InvalidAudience,
        SecurityTokenInvalidIssuerException => TokenFailureReason.UntrustedIssuer,
        SecurityTokenInvalidAlgorithmException => TokenFailureReason.UnsupportedAlgorithm,
        SecurityTokenSignatureKeyNotFoundException => TokenFailureReason.InvalidSignature,
        SecurityTokenInvalidSignatureException => TokenFailureReason.InvalidSignature,
        SecurityTokenMalformedException => TokenFailureReason.Malformed,
        _ => TokenFailureReason.Invalid,
    };

    private TokenValidationOutcome Reject(TokenFailureReason reason, string? issuer)
    {
        Log.TokenRejected(_logger, reason, issuer);
        return TokenValidationOutcome.Failed(TokenValidationFailure.For(reason));
    }
}
