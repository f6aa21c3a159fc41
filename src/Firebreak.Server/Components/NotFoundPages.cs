using Microsoft.AspNetCore.Diagnostics;

namespace Firebreak.Server.Components;

/// <summary>An address nothing answers shows the app's own 404 page, inside its layout, instead of the browser's.</summary>
public static class NotFoundPages
{
    /// <summary>
    /// Routes the request itself, so it must come before anything that reads the endpoint (the request body limit reads
    /// an endpoint's own limit): routing after the re-execution is what lets <see cref="NotFoundPage"/> be found.
    /// </summary>
    public static void UseRoutingWithNotFoundPage(this WebApplication app, Func<PathString, bool> keepsItsOwnErrors)
    {
        app.UseWhen(c => !keepsItsOwnErrors(c.Request.Path), b => b.UseStatusCodePagesWithReExecute(NotFoundPage.Path, createScopeForStatusCodePages: true));
        app.UseRouting();

        // Only addresses no endpoint answers: an endpoint's own bare status (a refused form post, a feed's bad token)
        // keeps its meaning rather than turning into a page that says "not found".
        app.Use((context, next) =>
        {
            if (context.GetEndpoint() is not null && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            return next(context);
        });
    }
}
