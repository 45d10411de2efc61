using System.Buffers.Binary;
using System.Security.Cryptography;
using Warden.Grains.Interfaces.Cancellation;

namespace Warden.Grains.Cancellation;

/// <summary>
/// Holds one gateway-issued backend key while its session lives. In memory: a key is only useful while the
/// edge's upstream connection exists, and that connection does not outlive a silo restart of its own edge.
/// </summary>
[CollectionAgeLimit(Days = 7)]
internal sealed class CancelKeyGrain : Grain, ICancelKeyGrain
{
    private CancelRegistration? _registration;

    public Task<bool> RegisterAsync(CancelRegistration registration)
    {
        if (_registration is not null && _registration.SessionId != registration.SessionId)
        {
            return Task.FromResult(false);
        }
        _registration = registration;
        return Task.FromResult(true);
    }

    public Task<CancelRoute?> ResolveAsync(int gatewaySecretKey)
    {
        if (_registration is null)
        {
            return Task.FromResult<CancelRoute?>(null);
        }
        Span<byte> presented = stackalloc byte[4];
        Span<byte> expected = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(presented, gatewaySecretKey);
        BinaryPrimitives.WriteInt32BigEndian(expected, _registration.GatewaySecretKey);
        // Constant time, so response timing does not reveal how much of a guessed key was right.
        var matches = CryptographicOperations.FixedTimeEquals(presented, expected);
        return Task.FromResult(matches ? _registration.Route : null);
    }

    public Task UnregisterAsync(Guid sessionId)
    {
        if (_registration?.SessionId == sessionId)
        {
            _registration = null;
            DeactivateOnIdle();
        }
        return Task.CompletedTask;
    }
}
