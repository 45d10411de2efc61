namespace Warden.Silo.Demo;

/// <summary>A login the demo policy holds for the gateway. ToString never shows the password.</summary>
internal sealed record DemoLogin(string User, string Password)
{
    public override string ToString() => $"{User} (password hidden)";
}

/// <summary>What <see cref="DemoDatabase.SeedAsync"/> created on the throwaway server.</summary>
internal sealed record DemoSeedResult(
    string Host,
    int Port,
    string TargetDatabase,
    string ControlDatabase,
    DemoLogin Reader,
    DemoLogin Writer,
    int CustomerCount)
{
    public override string ToString() =>
        $"demo target {TargetDatabase} and control database {ControlDatabase} on {Host}:{Port}; logins {Reader}, {Writer}; {CustomerCount} customers";
}
