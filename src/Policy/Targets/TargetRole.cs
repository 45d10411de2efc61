using Warden.Policy.Secrets;

namespace Warden.Policy.Targets;

/// <summary>An upstream login held by the gateway; access rules pick one by <see cref="Name"/>.</summary>
public sealed class TargetRole
{
    internal TargetRole(string name, SecretValue user, SecretValue password)
    {
        Name = name;
        User = user;
        Password = password;
    }

    public string Name { get; }

    public SecretValue User { get; }

    public SecretValue Password { get; }

    public override string ToString() => $"{Name} (user {User.Redacted})";
}
