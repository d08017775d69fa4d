using System.Linq.Expressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Validator;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.OData;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Simulators.Syspro.OData;

/// <summary>What every entity-set controller needs, resolved once from DI.</summary>
internal sealed record ODataServices(SysproSimulatorOptions Options);

/// <summary>
/// Serves one entity set read-only. Query options are applied by hand rather than with [EnableQuery], so the page
/// cap and the "cap without nextLink" switch come from the options at run time.
/// </summary>
[ServiceFilter<ODataBasicAuthFilter>]
[ServiceFilter<SysproFaultFilter>]
internal abstract class SysproODataController<T>(SysproTable<T> table, ODataServices services) : ODataController
    where T : class
{
    private static readonly ODataValidationSettings Validation = new() { MaxTop = null };

    public IActionResult Get(ODataQueryOptions<T> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var options = services.Options;
        try
        {
            query.Validate(Validation);
            var withLink = !options.ODataPagesWithoutNextLink;
            var settings = new ODataQuerySettings { PageSize = withLink ? options.ODataPageSize : null };
            var result = query.ApplyTo(table.Snapshot().AsQueryable(), settings);
            return Ok(withLink ? result : Take(result, options.ODataPageSize));
        }
        catch (ODataException ex)
        {
            return BadRequest(ex.Message); // OData writes it as {"error":{"code":"400","message":...}}
        }
    }

    /// <summary>Caps a page silently: no nextLink, so a client must notice the short page and use $skip.</summary>
    private static IQueryable Take(IQueryable source, int count) =>
        source.Provider.CreateQuery(Expression.Call(
            typeof(Queryable), nameof(Queryable.Take), [source.ElementType], source.Expression, Expression.Constant(count)));
}
