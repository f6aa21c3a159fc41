using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;

namespace Firebreak.Server.Features.Intake;

/// <summary>
/// Answers 503 with Retry-After when the intake queue is full. Senders (Alertmanager, PagerDuty clients) retry on 5xx,
/// so a storm slows down instead of timing out silently or losing alerts.
/// </summary>
public sealed class IntakeBusyHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not IntakeBusyException busy)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(busy.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "Intake is busy", Detail = busy.Message },
        });
    }
}
