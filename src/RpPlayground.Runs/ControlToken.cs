using System.Security.Cryptography;
using System.Text;

namespace RpPlayground.Runs;

/// <summary>Run control tokens: made at random, kept as their SHA-256 digest (what leaves the process that made them), compared in constant time.</summary>
public static class ControlToken
{
    /// <summary>A new token: 16 random bytes as hex.</summary>
    public static string New() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    /// <summary>The digest of <paramref name="token"/>: what Redis keeps, so reading Redis does not give control of runs.</summary>
    public static string Digest(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether <paramref name="token"/> has the digest <paramref name="digest"/>.</summary>
    public static bool Matches(string? token, string digest) =>
        token is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Digest(token)), Encoding.ASCII.GetBytes(digest));
}
