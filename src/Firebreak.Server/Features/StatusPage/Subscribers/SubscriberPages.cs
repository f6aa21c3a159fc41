using System.Globalization;
using System.Net;
using System.Text;
using Firebreak.Server.Features.StatusPage.Pages;

namespace Firebreak.Server.Features.StatusPage.Subscribers;

/// <summary>
/// The public subscription pages: plain forms that work without JavaScript, in the status page's own styles. Every
/// value written into them is HTML-encoded; the subscriber's token only ever goes into their own links.
/// </summary>
internal static class SubscriberPages
{
    private const string FormCss = """
        form.subscribe label { display: block; margin: .75rem 0 .25rem; font-weight: 600; }
        form.subscribe input[type=email] { width: 100%; font: inherit; padding: .5rem; border: 1px solid var(--line); border-radius: .3rem; background: var(--bg); color: var(--fg); }
        fieldset { border: 1px solid var(--line); border-radius: .4rem; margin: 1rem 0; padding: .5rem 1rem; }
        fieldset label { display: flex; gap: .5rem; align-items: baseline; font-weight: 400; overflow-wrap: anywhere; }
        button { font: inherit; font-weight: 600; padding: .6rem 1.4rem; border-radius: .3rem; border: 0; background: var(--maint); color: #fff; cursor: pointer; }
        .error { color: var(--critical); font-weight: 600; }
        """;

    public static IResult Form(StatusPageOptions options, IReadOnlyList<StatusComponent> components, string? email = null, IReadOnlyCollection<string>? chosen = null, string? error = null)
    {
        var body = new StringBuilder();
        body.Append("<p>Get an email when a component changes status. We send a link first, to check the address is yours.</p>");
        if (error is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"""<p class="error" role="alert" data-testid="subscribe-error">{Encode(error)}</p>""");
        }

        body.Append("""<form class="subscribe" method="post" action="subscribe">""");
        body.Append(CultureInfo.InvariantCulture, $"""<label for="email">Email address</label><input id="email" name="email" type="email" required autocomplete="email" value="{Encode(email ?? "")}" />""");
        if (components.Count > 0)
        {
            body.Append("<fieldset><legend>Components (none chosen: all of them)</legend>");
            foreach (var c in components)
            {
                var on = chosen?.Contains(c.Key) == true ? " checked" : "";
                body.Append(CultureInfo.InvariantCulture, $"""<label><input type="checkbox" name="component" value="{Encode(c.Key)}"{on} /> {Encode(c.Name)}</label>""");
            }

            body.Append("</fieldset>");
        }

        body.Append("""<button type="submit" data-testid="subscribe-submit">Subscribe</button></form>""");
        return Page(options, "Subscribe to updates", body.ToString(), error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    public static IResult Sent(StatusPageOptions options) => Page(options, "Check your inbox",
        """<p data-testid="subscribe-sent">If that address can receive email, a link to confirm the subscription is on its way. Nothing else is sent until you confirm.</p>""",
        StatusCodes.Status200OK);

    /// <summary>A link opened from an email: one button, because mail scanners open links on their own.</summary>
    public static IResult Ask(StatusPageOptions options, string title, string text, string action, string button) => Page(options, title,
        $"""<p>{Encode(text)}</p><form method="post" action="{Encode(action)}"><button type="submit" data-testid="subscriber-action">{Encode(button)}</button></form>""",
        StatusCodes.Status200OK);

    public static IResult Done(StatusPageOptions options, string title, string text) =>
        Page(options, title, $"""<p data-testid="subscriber-done">{Encode(text)}</p>""", StatusCodes.Status200OK);

    public static IResult NotValid(StatusPageOptions options) => Page(options, "Link not valid",
        "<p>This link is not valid any more: the subscription was ended, or the link was mistyped. You can subscribe again from the status page.</p>",
        StatusCodes.Status404NotFound);

    private static IResult Page(StatusPageOptions options, string title, string body, int status) => Results.Content(
        $"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" /><title>{Encode(title)} · {Encode(options.Name)}</title>
        <style>{PublicStatusStyles.Css}{FormCss}</style></head>
        <body><header class="top"><h1>{Encode(options.Name)}</h1></header>
        <main><h2>{Encode(title)}</h2>{body}<p><a href="{Root}">Back to the status page</a></p></main></body></html>
        """, "text/html; charset=utf-8", statusCode: status);

    // From the site root: these pages sit at different depths under it (/status/subscribe, /status/subscribers/…).
    private const string Root = "/status";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
