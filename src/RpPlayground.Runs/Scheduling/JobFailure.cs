using RpPlayground.Core;

namespace RpPlayground.Runs.Scheduling;

/// <summary>Which failures of a job are the user's (their message is shown as is) rather than a bug (logged, and the user told it failed).</summary>
public static class JobFailure
{
    /// <summary>Whether <paramref name="exception"/> says what the user must fix or wait out (a <see cref="UserFacingException"/>); anything else is a bug.</summary>
    public static bool IsTheUsers(Exception exception) => exception is UserFacingException;
}
