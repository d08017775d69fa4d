namespace MlConnector.Access;

/// <summary>Sign-in throttling (section <c>SignIn</c>): <see cref="MaxFailures"/> wrong passwords for one user within
/// <see cref="Window"/> lock that user out for <see cref="Lockout"/>; a source address (other than loopback, where a
/// reverse proxy speaks for everyone) that fails <see cref="MaxFailuresPerAddress"/> times within the window is
/// locked out likewise, whatever user names it tries.</summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    public int MaxFailures { get; set; } = 5;

    public int MaxFailuresPerAddress { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(15);
}
