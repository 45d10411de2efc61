using System.Security.Cryptography;

namespace Warden.Silo.LocalPostgres;

/// <summary>Random passwords for throwaway logins: letters and digits only, so they survive any quoting.</summary>
internal static class GeneratedPassword
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /// <summary>24 characters from a 57-symbol alphabet: about 140 bits.</summary>
    internal static string Create(int length = 24) => RandomNumberGenerator.GetString(Alphabet, length);
}
