using Microsoft.AspNetCore.Diagnostics;

namespace Firebreak.Server.Http;

/// <summary>
/// A request the server could not read (a body over its limit, a body cut short) that escaped the code reading it is
/// still the client's mistake: answer its 4xx as a problem document, never the 500 the exception handler defaults to.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request",
                Detail = bad.Message,
            },
        });
    }
}
