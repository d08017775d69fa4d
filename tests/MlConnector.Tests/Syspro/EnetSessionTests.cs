using Microsoft.Extensions.Logging.Abstractions;
using MlConnector.Syspro;

namespace MlConnector.Tests.Syspro;

public sealed class EnetSessionTests
{
    [Fact]
    public async Task Logoff_AfterDispose_DoesNothing()
    {
        // A host stopped a second time after its container was disposed calls Logoff again.
        using var http = new HttpClient();
        var session = new EnetSession(http, new EnetOptions(), TimeProvider.System, NullLogger<EnetSession>.Instance);
        session.Dispose();

        await session.LogoffAsync(TestContext.Current.CancellationToken);

        Assert.False(session.IsLoggedOn);
    }
}
