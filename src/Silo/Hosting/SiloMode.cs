namespace Warden.Silo.Hosting;

/// <summary>The run flags of DESIGN §6: --demo, --dev, --policy PATH.</summary>
internal sealed record SiloMode(bool Demo, bool Development, string? PolicyPath, string[] HostArguments)
{
    /// <summary>--demo implies every development convenience.</summary>
    public bool DevelopmentConveniences => Demo || Development;

    public static SiloMode Parse(string[] args)
    {
        var rest = new List<string>();
        bool demo = false, dev = false;
        string? policy = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--demo":
                    demo = true;
                    break;
                case "--dev":
                    dev = true;
                    break;
                case "--policy" when i + 1 < args.Length:
                    policy = args[++i];
                    break;
                case "--policy":
                    throw new ArgumentException("--policy needs a file path");
                default:
                    rest.Add(args[i]);
                    break;
            }
        }
        return new SiloMode(demo, dev, policy, [.. rest]);
    }
}
