namespace RpPlayground.Core;

/// <summary>Text that came from a user, as a message may quote it back.</summary>
public static class UserText
{
    /// <summary>At most 40 characters of <paramref name="value"/>, with "…" when it was longer.</summary>
    public static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
