namespace Firebreak.Server.Http;

/// <summary>Headers every response carries, whoever writes it: API, pages, static assets, problem documents, intake.</summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // Added as the response starts rather than now: the exception handler clears headers before its problem document.
        context.Response.OnStarting(static state =>
        {
            // Browsers must not guess a type: an alert's text served as text/plain must never run as a script.
            ((HttpResponse)state).Headers.XContentTypeOptions = "nosniff";
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    });
}
