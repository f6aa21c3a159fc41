using System.Text.Encodings.Web;
using Fluid;
using Fluid.Ast;

namespace Firebreak.Server.Features.Comms;

/// <summary>
/// The Liquid (Fluid) templates stakeholder messages are written from: <c>{{ incident.title }}</c>, <c>{{ update.text }}</c>.
/// A name outside <see cref="Vocabulary"/> is an error when config is validated or applied, never a blank in a message
/// sent during an outage. Email HTML is rendered with an HTML encoder, so markup in an incident's title stays text.
/// </summary>
public static class CommsTemplates
{
    /// <summary>Each variable a template may use, by object.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Vocabulary = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["incident"] = ["ref", "number", "title", "severity", "service", "status", "commander", "comms_lead", "started_at", "url"],
        ["update"] = ["text", "sent_by"],
    };

    private static readonly FluidParser s_parser = new();
    private static readonly TemplateOptions s_options = new();

    /// <summary>Why <paramref name="template"/> cannot be used, or null: a syntax error, or a name it does not know.</summary>
    public static string? Problem(string template)
    {
        if (!s_parser.TryParse(template, out var parsed, out var error))
        {
            return $"not a valid template: {error}";
        }

        var names = new NameCollector();
        names.VisitTemplate(parsed);
        var unknown = names.Paths.FirstOrDefault(p => !Known(p));
        return unknown is null
            ? null
            : $"'{{{{ {string.Join('.', unknown)} }}}}' is not a variable comms templates know; use {string.Join(", ", Vocabulary.SelectMany(v => v.Value.Select(f => $"{v.Key}.{f}")))}";
    }

    /// <summary>Plain text, for chat and the timeline.</summary>
    public static Task<string> RenderTextAsync(string template, CommsModel model) => RenderAsync(template, model, NullEncoder.Default);

    /// <summary>HTML, for email bodies: every value is HTML-encoded, so an incident titled <c>&lt;b&gt;</c> shows those characters.</summary>
    public static async Task<string> RenderHtmlAsync(string template, CommsModel model)
    {
        // The template's own text is the admin's and may be markup; line breaks become <br> so a plain template reads as written.
        var html = await RenderAsync(template, model, HtmlEncoder.Default);
        return html.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "<br>\n", StringComparison.Ordinal);
    }

    private static async Task<string> RenderAsync(string template, CommsModel model, TextEncoder encoder)
    {
        var parsed = s_parser.Parse(template);
        var context = new TemplateContext(s_options);
        context.SetValue("incident", model.Incident);
        context.SetValue("update", model.Update);
        return (await parsed.RenderAsync(context, encoder)).Trim();
    }

    private static bool Known(IReadOnlyList<string> path) =>
        path.Count == 2 && Vocabulary.TryGetValue(path[0], out var fields) && fields.Contains(path[1], StringComparer.Ordinal);

    /// <summary>Every member path a template reads (<c>incident.title</c>), from its syntax tree.</summary>
    private sealed class NameCollector : AstVisitor
    {
        public List<IReadOnlyList<string>> Paths { get; } = [];

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            var path = new List<string>();
            foreach (var segment in memberExpression.Segments)
            {
                if (segment is IdentifierSegment id)
                {
                    path.Add(id.Identifier);
                }
                else
                {
                    break;
                }
            }

            Paths.Add(path);
            return base.VisitMemberExpression(memberExpression);
        }
    }
}

/// <summary>The values templates read, as Liquid sees them (dictionaries of strings).</summary>
public sealed record CommsModel(IReadOnlyDictionary<string, object?> Incident, IReadOnlyDictionary<string, object?> Update);
