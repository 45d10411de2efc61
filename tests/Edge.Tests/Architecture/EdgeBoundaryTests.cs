using System.Reflection;
using Warden.Edge.Connections;
using Warden.Protocol.Messages;

namespace Warden.Edge.Tests.Architecture;

/// <summary>
/// Project boundaries from DESIGN §1: the edge never depends on grain implementations or the silo host, and the
/// protocol codec stays pure (STYLE: no sockets, DI or logging in Protocol/). Checked on the compiled assemblies,
/// so an indirect reference added by any route fails here.
/// </summary>
public sealed class EdgeBoundaryTests
{
    private static readonly Assembly EdgeAssembly = typeof(StartupPolicy).Assembly;
    private static readonly Assembly ProtocolAssembly = typeof(ErrorResponse).Assembly;

    [Fact]
    public void EdgeAssembly_References_NeitherGrainsNorSilo()
    {
        Assert.Equal("Warden.Edge", EdgeAssembly.GetName().Name);
        var references = ReferenceNames(EdgeAssembly);

        Assert.Contains("Warden.Grains.Interfaces", references);
        Assert.DoesNotContain("Warden.Grains", references);
        Assert.DoesNotContain("Warden.Silo", references);
    }

    [Theory]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Orleans")]
    [InlineData("Microsoft.Orleans")]
    [InlineData("Microsoft.Extensions.Logging")]
    [InlineData("Microsoft.Extensions.DependencyInjection")]
    [InlineData("Microsoft.Extensions.Hosting")]
    [InlineData("System.Net.Sockets")]
    [InlineData("Warden.")]
    public void ProtocolAssembly_References_NoHostingLoggingOrOrleans(string forbiddenPrefix)
    {
        Assert.Equal("Warden.Protocol", ProtocolAssembly.GetName().Name);

        var offending = ReferenceNames(ProtocolAssembly).Where(name => name.StartsWith(forbiddenPrefix, StringComparison.Ordinal));

        Assert.Empty(offending);
    }

    [Fact]
    public void ProtocolAssembly_References_OnlyTheBaseLibrary()
    {
        var references = ReferenceNames(ProtocolAssembly);

        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal), $"Warden.Protocol references {name}"));
    }

    private static List<string> ReferenceNames(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies().Select(reference => reference.Name!)];
}
