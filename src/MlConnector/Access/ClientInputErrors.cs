using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace MlConnector.Access;

/// <summary>What a client sent wrong is the client's error, never a 500: a body the server refuses to read (too large,
/// cut off), a malformed form or multipart body (too many fields, a key or value over the limits, no boundary), an
/// antiforgery token that does not hold. Answered 4xx as ProblemDetails.</summary>
internal sealed class ClientInputErrors(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
            InvalidDataException => (StatusCodes.Status400BadRequest, "Malformed request body"),
            AntiforgeryValidationException => (StatusCodes.Status400BadRequest, "Antiforgery token required"),
            _ => (0, ""),
        };
        if (status == 0 || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        await problems.WriteOrJsonAsync(httpContext, status, title, exception.Message);
        return true;
    }
}

internal static class ProblemWriting
{
    /// <summary>ProblemDetails as the client accepts them, or as JSON when it asked for something else (XML): a refusal
    /// is still a refusal, never a 500 because no writer matched the Accept header.</summary>
    public static async Task WriteOrJsonAsync(this IProblemDetailsService problems, HttpContext context, int status, string title, string detail)
    {
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        context.Response.StatusCode = status;
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
        }
    }
}
