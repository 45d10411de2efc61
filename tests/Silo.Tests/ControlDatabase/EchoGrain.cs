namespace Warden.Silo.Tests.ControlDatabase;

/// <summary>A trivial grain, so a client can prove it reached a silo found through the control database.</summary>
[Alias("Warden.Silo.Tests.IEchoGrain")]
public interface IEchoGrain : IGrainWithStringKey
{
    [Alias("Echo")]
    Task<string> EchoAsync(string text);
}

public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<string> EchoAsync(string text) => Task.FromResult($"{this.GetPrimaryKeyString()}:{text}");
}
