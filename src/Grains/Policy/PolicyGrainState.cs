namespace Warden.Grains.Policy;

[GenerateSerializer, Alias("Warden.PolicyGrainState")]
public sealed class PolicyGrainState
{
    [Id(0)]
    public long Version { get; set; }

    [Id(1)]
    public string? Yaml { get; set; }

    [Id(2)]
    public string? SourcePath { get; set; }
}
