using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Warden.Policy.Secrets;

/// <summary>Resolves references from the process environment and the file system.</summary>
public sealed class DefaultSecretResolver : ISecretResolver
{
    // Secret files are small; the cap keeps a mistaken reference (a log, /dev/zero) from being read whole.
    private const int MaxFileBytes = 64 * 1024;
    private readonly string _baseDirectory;

    /// <param name="baseDirectory">Where relative <c>${file:...}</c> paths start; the current directory when null.</param>
    public DefaultSecretResolver(string? baseDirectory = null)
    {
        _baseDirectory = string.IsNullOrEmpty(baseDirectory) ? Directory.GetCurrentDirectory() : baseDirectory;
    }

    public bool TryResolve(SecretReference reference, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? failure)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.Source == SecretSource.Environment
            ? TryReadEnvironment(reference.Name, out value, out failure)
            : TryReadFile(reference.Name, out value, out failure);
    }

    private static bool TryReadEnvironment(string name, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? failure)
    {
        value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(value))
        {
            failure = value is null ? "the environment variable is not set" : "the environment variable is empty";
            value = null;
            return false;
        }
        failure = null;
        return true;
    }

    private bool TryReadFile(string path, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? failure)
    {
        value = null;
        try
        {
            using var stream = File.OpenRead(Path.Combine(_baseDirectory, path));
            var buffer = new byte[MaxFileBytes + 1];
            var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (length > MaxFileBytes)
            {
                failure = $"the file is larger than {MaxFileBytes} bytes";
                return false;
            }
            // Secret files usually end with a newline that is not part of the secret.
            value = Encoding.UTF8.GetString(buffer, 0, length).TrimEnd('\r', '\n');
        }
        // Exception messages are not used: only the kind of failure is reported, never file content.
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            failure = "the file does not exist";
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            failure = "the file cannot be read: permission denied";
            return false;
        }
        catch (IOException)
        {
            failure = "the file cannot be read";
            return false;
        }
        if (value.Length == 0)
        {
            value = null;
            failure = "the file is empty";
            return false;
        }
        failure = null;
        return true;
    }
}
