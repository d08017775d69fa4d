using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Validator;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.OData;
using MlConnector.Simulators.Syspro.Data;
using MlConnector.Simulators.Syspro.Requests;

namespace MlConnector.Simulators.Syspro.OData;

/// <summary>What every entity-set controller needs, resolved once from DI.</summary>
internal sealed record ODataServices(SysproSimulatorOptions Options);

/// <summary>
/// Serves one entity set read-only. Query options are applied by hand rather than with [EnableQuery], so the page
/// cap and the "cap without nextLink" switch come from the options at run time.
/// </summary>
[ServiceFilter<ODataBasicAuthFilter>]
[ServiceFilter<SysproRequestFilter>]
internal abstract class SysproODataController<T>(SysproTable<T> table, ODataServices services) : ODataController
    where T : class
{
    private static readonly ODataValidationSettings Validation = new() { MaxTop = null };
    private static readonly MethodInfo ToList = typeof(Enumerable).GetMethod(nameof(Enumerable.ToList))!;

    public IActionResult Get(ODataQueryOptions<T> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var options = services.Options;
        try
        {
            query.Validate(Validation);
            var withLink = !options.ODataPagesWithoutNextLink;
            var indexed = options.IndexedPaging ? IndexedPaging<T>.Source(table, query) : null;
            var settings = new ODataQuerySettings { PageSize = withLink ? options.ODataPageSize : null, EnsureStableOrdering = indexed is null };
            var result = indexed is null
                ? query.ApplyTo(table.Snapshot().AsQueryable(), settings)
                : query.ApplyTo(indexed, settings, AllowedQueryOptions.OrderBy); // already in key order
            return Ok(Materialize(withLink ? result : Take(result, options.ODataPageSize)));
        }
        catch (ODataException ex)
        {
            return BadRequest(ex.Message); // OData writes it as {"error":{"code":"400","message":...}}
        }
    }

    /// <summary>The page as a list of its own element type, so the request filter can count its rows.</summary>
    private static object Materialize(IQueryable page) =>
        page as ICollection ?? ToList.MakeGenericMethod(page.ElementType).Invoke(null, [page])!;

    /// <summary>Caps a page silently: no nextLink, so a client must notice the short page and use $skip.</summary>
    private static IQueryable Take(IQueryable source, int count) =>
        source.Provider.CreateQuery(Expression.Call(
            typeof(Queryable), nameof(Queryable.Take), [source.ElementType], source.Expression, Expression.Constant(count)));
}
