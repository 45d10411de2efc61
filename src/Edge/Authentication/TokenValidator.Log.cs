using Microsoft.Extensions.Logging;

namespace Warden.Edge.Authentication;

internal sealed partial class TokenValidator
{
    // Event ids 2100-2199 belong to edge authentication. Never log the token or its unverified claims:
    // only the trusted issuer's configured URL, a reason, and the token id of an accepted token.
    private static partial class Log
    {
        [LoggerMessage(2100, LogLevel.Information, "Token rejected: {Reason} (issuer {Issuer})")]
        public static partial void TokenRejected(ILogger logger, TokenFailureReason reason, string? issuer);

        [LoggerMessage(2101, LogLevel.Debug, "Token accepted from {Issuer} (token id {TokenId})")]
        public static partial void TokenAccepted(ILogger logger, string issuer, string? tokenId);

        [LoggerMessage(2102, LogLevel.Warning, "Metadata of issuer {Issuer} could not be obtained; its tokens are refused")]
        public static partial void IssuerMetadataUnavailable(ILogger logger, string issuer, Exception exception);

        [LoggerMessage(2103, LogLevel.Error, "Issuer {Issuer} is neither https nor loopback; its tokens are refused")]
        public static partial void InsecureIssuerMetadata(ILogger logger, string issuer);

        [LoggerMessage(2104, LogLevel.Error, "Discovery document of {Issuer} names a different issuer; its tokens are refused")]
        public static partial void DiscoveryIssuerMismatch(ILogger logger, string issuer);

        [LoggerMessage(2105, LogLevel.Information, "Token names a signing key unknown for {Issuer}; refreshing its keys")]
        public static partial void SigningKeyRefreshRequested(ILogger logger, string issuer);

        [LoggerMessage(2106, LogLevel.Warning, "AppContext switch {Switch} was not set at process start; after an issuer rotates its key, the first token may be refused")]
        public static partial void BlockingRefreshNotConfigured(ILogger logger, string @switch);
    }
}
