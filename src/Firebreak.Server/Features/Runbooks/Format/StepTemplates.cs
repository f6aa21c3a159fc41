using Fluid;
using Fluid.Ast;

namespace Firebreak.Server.Features.Runbooks.Format;

/// <summary>
/// The Liquid (Fluid) templates in step fields: <c>{{ incident.number }}</c>, <c>{{ alert.labels.instance }}</c>,
/// <c>{{ firebreak.url }}</c>. A name outside this vocabulary is an error when the runbook is read, not a blank at 3 a.m.
/// </summary>
public static class StepTemplates
{
    /// <summary>Each variable a template may use, by object; labels and annotations take any key.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Vocabulary = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["incident"] = ["number", "title", "severity", "status", "service", "url"],
        ["alert"] = ["labels", "annotations", "summary", "status", "source"],
        ["firebreak"] = ["url"],
    };

    /// <summary>Named secrets (<c>secrets.registry_token</c>); which exist is known only when a step runs.</summary>
    public const string Secrets = "secrets";

    private static readonly FluidParser s_parser = new();
    private static readonly TemplateOptions s_options = new();

    /// <summary>Why <paramref name="template"/> cannot be used, or null: a syntax error, or a name it does not know.</summary>
    public static string? Problem(string template)
    {
        if (!template.Contains("{{", StringComparison.Ordinal) && !template.Contains("{%", StringComparison.Ordinal))
        {
            return null;
        }

        if (!s_parser.TryParse(template, out var parsed, out var error))
        {
            return $"'{template}' is not a valid template: {error}";
        }

        var names = new NameCollector();
        names.VisitTemplate(parsed);
        var unknown = names.Paths.FirstOrDefault(p => !Known(p));
        return unknown is null
            ? null
            : $"'{{{{ {string.Join('.', unknown)} }}}}' is not a variable steps know; use {string.Join(", ", Vocabulary.SelectMany(v => v.Value.Select(f => $"{v.Key}.{f}")))} or secrets.<name>";
    }

    /// <summary>The names of the secrets <paramref name="template"/> reads.</summary>
    public static IEnumerable<string> SecretsUsed(string template)
    {
        if (!template.Contains(Secrets, StringComparison.Ordinal) || !s_parser.TryParse(template, out var parsed, out _))
        {
            return [];
        }

        var names = new NameCollector();
        names.VisitTemplate(parsed);
        return names.Paths.Where(p => p.Count == 2 && p[0] == Secrets).Select(p => p[1]);
    }

    public static async Task<string> RenderAsync(string template, StepModel model)
    {
        if (!template.Contains("{{", StringComparison.Ordinal) && !template.Contains("{%", StringComparison.Ordinal))
        {
            return template;
        }

        var parsed = s_parser.Parse(template);
        var context = new TemplateContext(s_options);
        context.SetValue("incident", model.Incident);
        context.SetValue("alert", model.Alert);
        context.SetValue("firebreak", model.Firebreak);
        context.SetValue(Secrets, model.Secrets);
        return await parsed.RenderAsync(context);
    }

    private static bool Known(IReadOnlyList<string> path)
    {
        if (path.Count == 2 && path[0] == Secrets)
        {
            return true;
        }

        if (path.Count == 0 || !Vocabulary.TryGetValue(path[0], out var fields))
        {
            return false;
        }

        if (path.Count == 1)
        {
            return true;
        }

        if (!fields.Contains(path[1], StringComparer.Ordinal))
        {
            return false;
        }

        return path.Count == 2 || (path[0] == "alert" && path[1] is "labels" or "annotations" && path.Count == 3);
    }

    /// <summary>Every member path a template reads (<c>alert.labels.env</c>), from its syntax tree.</summary>
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

/// <summary>The values step templates read, as Liquid sees them (dictionaries of strings).</summary>
public sealed record StepModel(
    IReadOnlyDictionary<string, object?> Incident,
    IReadOnlyDictionary<string, object?> Alert,
    IReadOnlyDictionary<string, object?> Firebreak)
{
    public IReadOnlyDictionary<string, object?> Secrets { get; init; } = new Dictionary<string, object?>();
}
