using System.Net;

namespace MlConnector.Benchmarks;

/// <summary>
/// Records every answer body passing through, by request URI, so a benchmark can replay them. Replaying keeps the
/// simulator (which runs in this process) out of the allocation figures: MemoryDiagnoser counts the whole process.
/// </summary>
internal sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public Dictionary<string, (byte[] Body, string? MediaType)> Answers { get; } = new(StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        Answers[request.RequestUri!.AbsoluteUri] = (body, mediaType);
        var copy = new ByteArrayContent(body);
        copy.Headers.ContentType = response.Content.Headers.ContentType;
        response.Content = copy;
        return response;
    }
}

/// <summary>Answers from what a <see cref="RecordingHandler"/> recorded; an unknown URI is a bug in the benchmark.</summary>
internal sealed class ReplayHandler(IReadOnlyDictionary<string, (byte[] Body, string? MediaType)> answers) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!answers.TryGetValue(request.RequestUri!.AbsoluteUri, out var answer))
        {
            throw new InvalidOperationException($"No recorded answer for {request.RequestUri}.");
        }

        var content = new ByteArrayContent(answer.Body);
        if (answer.MediaType is { } mediaType)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        }

        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}
