using YamlDotNet.Core;

namespace Warden.Policy.Loading;

/// <summary>Collects errors so a load reports all of them at once instead of stopping at the first.</summary>
internal sealed class Diagnostics
{
    private readonly List<PolicyError> _errors = [];

    public bool HasErrors => _errors.Count > 0;

    public IReadOnlyList<PolicyError> Errors => _errors;

    public void Add(SourceNode at, string path, string message) => _errors.Add(new(at.Line, at.Column, path, message));

    public void Add(Mark at, string path, string message) =>
        Add(SourceTreeReader.Line(at), SourceTreeReader.Column(at), path, message);

    public void Add(int line, int column, string path, string message) => _errors.Add(new(line, column, path, message));
}
