namespace MlConnector.IntegrationTests.Security;

/// <summary>The security tests run alone, after the parallel ones: the fuzz run sends hundreds of requests (some of
/// 4 MB) and the sign-in tests hash many passwords, which would starve tests that give a real request a short real-time
/// window (the Twilio simulator's slow-answer test).</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
