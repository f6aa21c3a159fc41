using Firebreak.Server.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Http;

/// <summary>
/// Two requests that change the same thing at once: the loser's save fails on a concurrency token (an incident's
/// revision) or a unique index. That is a 409 the caller can retry after reloading, not a server error — whichever
/// command lost the race, so no command has to remember to catch it.
/// </summary>
public sealed class ConflictExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var detail = exception switch
        {
            DbUpdateConcurrencyException => "Someone else changed this at the same moment. Reload it and try again.",
            DbUpdateException db when DbErrors.IsUniqueViolation(db) => "This conflicts with a change saved at the same moment. Reload and try again.",
            _ => null,
        };
        if (detail is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = detail },
        });
    }
}
