using System.Text;

namespace MlConnector.Syspro;

/// <summary>
/// One e.net session for the configured operator: logged on lazily, the UserId cached (trimmed) across polls,
/// every call serialised (SYSPRO allows one session per operator), refreshed before the idle timeout, logged on
/// again once when SYSPRO says the UserId is invalid, stopped on a credential error, logged off on shutdown.
/// Query strings carry the password and the UserId, so no URL of this client is ever logged.
/// </summary>
public sealed class EnetSession(HttpClient http, EnetOptions options, TimeProvider time, ILogger<EnetSession> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _userId;
    private DateTimeOffset _lastActivity;
    private SysproException? _stopped;
    private volatile bool _disposed;

    public int LogonCount { get; private set; }

    public bool IsLoggedOn => _userId is not null;

    /// <summary>The credential error that stopped this source, if any (shown on the dashboard and in /health).</summary>
    public string? StoppedReason => _stopped?.Message;

    /// <summary>When the session next needs refreshing, or null when there is no session.</summary>
    public DateTimeOffset? RefreshDue => _userId is null ? null : _lastActivity + options.IdleTimeout - options.RefreshMargin;

    /// <summary>Runs a business-object query; the answer's bytes (XML in Windows-1252 as SYSPRO sends it).</summary>
    public Task<byte[]> QueryAsync(string businessObject, string xmlIn, CancellationToken ct) =>
        CallAsync($"query {businessObject}", userId => Get("Query/Query",
            ("UserId", userId), ("BusinessObject", businessObject), ("XmlIn", xmlIn)), ct);

    /// <summary>Keeps the session alive when it has been idle close to the timeout (called by a timer).</summary>
    public async Task RefreshIfDueAsync(CancellationToken ct)
    {
        if (RefreshDue is { } due && time.GetUtcNow() >= due)
        {
            await CallAsync("session refresh", userId => Get("GetLogonProfile", ("UserId", userId)), ct);
            logger.EnetSessionRefreshed();
        }
    }

    /// <summary>Logs on and straight off again (the credential check of <c>ping</c>).</summary>
    public async Task LogonAndLogoffAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await EnsureLogonAsync(ct);
        }
        finally
        {
            _gate.Release();
        }

        await LogoffAsync(ct);
    }

    public async Task LogoffAsync(CancellationToken ct)
    {
        if (_disposed)
        {
            return; // a host stopped twice (tests, service managers): the first stop already logged off
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_userId is not { } userId)
            {
                return;
            }

            _userId = null;
            var acknowledged = Text(await SendAsync(Get("Logoff", ("UserId", userId)), ct)).Trim() == "0";
            logger.EnetLoggedOff(acknowledged);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _gate.Dispose();
    }

    private async Task<byte[]> CallAsync(string operation, Func<string, string> request, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var userId = await EnsureLogonAsync(ct);
                var bytes = await SendAsync(request(userId), ct);
                _lastActivity = time.GetUtcNow();
                var text = Text(bytes);
                if (EnetErrors.IsSessionInvalid(text) && attempt == 0)
                {
                    logger.EnetSessionLost();
                    _userId = null;
                    continue;
                }

                EnetErrors.ThrowIfError(text, operation);
                return bytes;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> EnsureLogonAsync(CancellationToken ct)
    {
        if (_stopped is not null)
        {
            throw _stopped;
        }

        if (_userId is { } cached)
        {
            return cached;
        }

        var text = Text(await SendAsync(Get("Logon",
            ("Operator", options.Operator ?? ""), ("OperatorPassword", options.OperatorPassword ?? ""),
            ("CompanyId", options.CompanyId ?? ""), ("CompanyPassword", options.CompanyPassword ?? "")), ct));
        try
        {
            EnetErrors.ThrowIfError(text, "logon");
        }
        catch (SysproException e) when (e.IsCredentialError)
        {
            _stopped = new SysproException(
                $"{e.Message}. The e.net source is stopped until Syspro:Enet is corrected and the service restarted.", true, e);
            logger.EnetStopped(e.Message);
            throw _stopped;
        }

        var userId = text.Trim();
        if (userId.Length == 0)
        {
            throw new SysproException("SYSPRO e.net logon returned an empty UserId.");
        }

        LogonCount++;
        _userId = userId;
        _lastActivity = time.GetUtcNow();
        logger.EnetLoggedOn(LogonCount);
        return userId;
    }

    private async Task<byte[]> SendAsync(string relative, CancellationToken ct)
    {
        var root = options.BaseUrl ?? throw new SysproException("Syspro:Enet:BaseUrl is not set.", isCredentialError: true);
        var baseUri = root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/");
        using var response = await http.GetAsync(new Uri(baseUri, relative), ct);
        if (!response.IsSuccessStatusCode)
        {
            // The URL is not in the message: it carries the password or the UserId.
            throw new HttpRequestException($"SYSPRO e.net answered HTTP {(int)response.StatusCode}.", null, response.StatusCode);
        }

        return await response.Content.ReadAsByteArrayAsync(ct);
    }

    private static string Get(string path, params (string Name, string Value)[] parameters) =>
        path + "?" + string.Join('&', parameters.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));

    /// <summary>e.net text is Windows-1252 (a superset of the ASCII of UserIds and error texts).</summary>
    public static string Text(byte[] bytes) => Encoding.GetEncoding(1252).GetString(bytes);
}
