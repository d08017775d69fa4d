using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MlConnector.Access;

namespace MlConnector.Api;

/// <summary>
/// Declares in the OpenAPI document how the API is signed in to, as <see cref="ApiKeyAuthenticationHandler"/> and the
/// session cookie accept it: an API key in the <c>X-Api-Key</c> header or as a bearer token, or a person's dashboard
/// session. Any one of them is the document's security requirement (the role each needs is the API's own rule).
/// </summary>
internal sealed class ApiSecuritySchemes : IOpenApiDocumentTransformer
{
    public const string ApiKey = "ApiKey";
    public const string Bearer = "Bearer";
    public const string Session = "Session";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [ApiKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "An API key (made on the dashboard's API keys page or with `ml-connector apikeys create`).",
            },
            [Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = $"The same API key as a bearer token, for clients that cannot set {ApiKeyAuthenticationHandler.HeaderName}.",
            },
            [Session] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = AccessExtensions.SessionCookie,
                Description = "A person signed in on the dashboard. A change also needs the antiforgery token in the " +
                    $"{SessionAntiforgeryFilter.HeaderName} header (from GET /api/antiforgery).",
            },
        };
        document.Security = [.. new[] { ApiKey, Bearer, Session }.Select(scheme =>
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] })];
        return Task.CompletedTask;
    }
}
