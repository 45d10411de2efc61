using Microsoft.AspNetCore.Builder;
using Warden.Silo.Hosting;

namespace Warden.Integration.Tests.Cluster;

/// <summary>A silo never starts on a policy it cannot load, and says every reason with its line.</summary>
public sealed class SiloStartupTests
{
    [Fact]
    public void AddWardenSilo_InvalidPolicy_RefusesWithEveryErrorAndLine()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var mode = new SiloMode(Demo: false, Development: true, PolicyPath: null, HostArguments: []);
        const string policy = "targets: {}\naccess:\n  - name: x\n    alow: [read]\n";
        var error = Assert.Throws<InvalidPolicyException>(() => builder.AddWardenSilo(mode, policy));
        Assert.Contains("line 4", error.Message);
        Assert.Contains("alow", error.Message);
        Assert.Contains("role", error.Message); // the missing role is reported in the same breath
    }

    [Fact]
    public void AddWardenSilo_MissingPolicyFile_Refuses()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var mode = new SiloMode(Demo: false, Development: true, PolicyPath: "/nonexistent/policy.yaml", HostArguments: []);
        Assert.Throws<InvalidPolicyException>(() => builder.AddWardenSilo(mode));
    }

    [Fact]
    public void AddWardenSilo_NoControlDatabaseOutsideDevelopment_Refuses()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var mode = new SiloMode(Demo: false, Development: false, PolicyPath: null, HostArguments: []);
        Assert.Throws<InvalidOperationException>(() => builder.AddWardenSilo(mode, "targets:\n  t:\n    host: h\n    database: d\n    roles:\n      r: { user: u, password: p }\naccess: []\n"));
    }
}
