using System.Text.RegularExpressions;
using Firebreak.Core.Config;
using Firebreak.Core.Escalation;
using Firebreak.Core.Intake;
using Firebreak.Server.Features.Config;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Firebreak.Server.Features.Runbooks.Format;

/// <summary>What parsing a runbook gave: the document when it is usable, and every mistake at its file and line.</summary>
public sealed record RunbookParse(RunbookDocument? Document, IReadOnlyList<ConfigError> Errors)
{
    public bool Ok => Document is not null && Errors.Count == 0;
}

/// <summary>
/// Reads a runbook: the front matter and each <c>```step &lt;kind&gt;</c> block are YAML read node by node so that each
/// mistake names its line in the Markdown file; headings give the sections steps belong to. Nothing is run here.
/// </summary>
public static partial class RunbookParser
{
    public const int MaxLength = 256 * 1024;
    public const string StepFence = "step";
    public const string EscalateFence = "escalate";

    /// <summary>Not a runbook's key: <c>/runbooks/new</c> is the page that writes one.</summary>
    public const string ReservedKey = "new";

    /// <summary>As long as the runbooks table keeps a title.</summary>
    public const int MaxTitle = 200;

    private static readonly string[] s_frontMatterFields = ["key", "title", "services", "match", "owner", "review_every", "severity"];
    private static readonly string[] s_commonFields = ["key", "title", "dangerous"];
    private static readonly string[] s_manualFields = [.. s_commonFields, "text"];
    private static readonly string[] s_httpFields = [.. s_commonFields, "method", "url", "headers", "body", "expect_status", "timeout"];
    private static readonly string[] s_shellFields = [.. s_commonFields, "argv", "runner", "env", "workdir", "expect_exit", "timeout"];
    private static readonly string[] s_escalateFields = ["after_failures", "unfinished_after", "page"];
    private static readonly string[] s_failureFields = ["step", "times"];
    private static readonly string[] s_methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];
    private static readonly TimeSpan s_longestStep = TimeSpan.FromMinutes(30);

    private static readonly MarkdownPipeline s_pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().UsePreciseSourceLocation().Build();

    public static RunbookParse Parse(string text, string file)
    {
        var errors = new ConfigErrors();
        if (text.Length > MaxLength)
        {
            errors.Add(new SourceRef(file, 1), $"a runbook is at most {MaxLength / 1024} KB; this one is {text.Length / 1024} KB");
            return new RunbookParse(null, errors.All);
        }

        var markdown = Markdown.Parse(text, s_pipeline);
        if (markdown.Descendants<YamlFrontMatterBlock>().FirstOrDefault() is not { } front)
        {
            errors.Add(new SourceRef(file, 1), "a runbook starts with front matter: a line '---', then key, title and match or services in YAML, then '---'");
            return new RunbookParse(null, errors.All);
        }

        var head = ReadFrontMatter(front, file, errors);
        var (sections, steps, escalations) = ReadBody(markdown, file, errors);
        if (head is null)
        {
            return new RunbookParse(null, errors.All);
        }

        errors.Duplicates(steps, s => s.Key, s => new SourceRef(file, s.Line), "step");
        var doc = head with { Sections = sections, Steps = steps, Escalations = escalations };
        return new RunbookParse(doc, errors.All);
    }

    private static RunbookDocument? ReadFrontMatter(YamlFrontMatterBlock front, string file, ConfigErrors errors)
    {
        // The block's lines include both '---' fences; the YAML starts on the line after the first.
        var yamlText = string.Join('\n', front.Lines.Lines.Take(front.Lines.Count).Select(l => l.ToString()).Where(l => l.Trim() != "---"));
        var map = LoadMapping(yamlText, file, front.Line + 1, errors, "the front matter");
        if (map is null)
        {
            return null;
        }

        var yaml = Reading(file, front.Line + 1, errors);
        yaml.Known(map, s_frontMatterFields);
        var key = yaml.Required(map, "key");
        if (key is not null && !KeyShape().IsMatch(key))
        {
            yaml.Error(YamlReading.At(map, "key"), $"key '{key}' must be lower-case letters, digits and dashes (at most 64), starting with a letter or digit");
        }
        else if (key == ReservedKey)
        {
            yaml.Error(YamlReading.At(map, "key"), $"key '{ReservedKey}' is the address of the page that writes a new runbook (/runbooks/{ReservedKey}); choose another");
        }

        var title = yaml.Required(map, "title");
        if (title is { Length: > MaxTitle })
        {
            yaml.Error(YamlReading.At(map, "title"), $"a title is at most {MaxTitle} characters; this one is {title.Length}");
            title = null;
        }

        var services = YamlReading.Get(map, "services") is { } s ? yaml.StringOrList(s) : [];
        var match = new List<LabelMatcher>();
        if (YamlReading.Get(map, "match") is { } m)
        {
            foreach (var item in yaml.StringOrList(m))
            {
                if (LabelMatcher.TryParse(item, out var matcher, out var error))
                {
                    match.Add(matcher!);
                }
                else
                {
                    yaml.Error(m, error!);
                }
            }
        }

        if (services.Count == 0 && match.Count == 0)
        {
            yaml.Error(map, "say what the runbook answers: 'match' (alert label matchers such as alertname=\"DbPoolExhausted\") or 'services', or both");
        }

        var reviewEvery = yaml.Duration(map, "review_every");
        if (key is null || title is null)
        {
            return null;
        }

        return new RunbookDocument(key, title, services, match, yaml.Str(map, "owner"), reviewEvery, yaml.Str(map, "severity"), [], []);
    }

    private static (IReadOnlyList<string> Sections, IReadOnlyList<RunbookStep> Steps, IReadOnlyList<RunbookEscalation> Escalations) ReadBody(
        MarkdownDocument markdown, string file, ConfigErrors errors)
    {
        var sections = new List<string>();
        var steps = new List<RunbookStep>();
        var escalateFences = new List<FencedCodeBlock>();
        var section = "";
        foreach (var block in markdown)
        {
            switch (block)
            {
                case HeadingBlock { Level: <= 2 } heading when heading.Inline is not null:
                    section = InlineText(heading.Inline).Trim();
                    sections.Add(section);
                    break;
                case FencedCodeBlock fence when string.Equals(fence.Info, StepFence, StringComparison.Ordinal):
                    if (ReadStep(fence, steps.Count + 1, section, file, errors) is { } step)
                    {
                        steps.Add(step);
                    }

                    break;
                case FencedCodeBlock fence when string.Equals(fence.Info, EscalateFence, StringComparison.Ordinal):
                    escalateFences.Add(fence);
                    break;
            }
        }

        // Read after every step, so that an escalate block above the step it names still finds it.
        var escalations = escalateFences.Select((fence, i) => ReadEscalation(fence, i + 1, steps, file, errors)).OfType<RunbookEscalation>().ToList();
        return (sections, steps, escalations);
    }

    private static RunbookEscalation? ReadEscalation(FencedCodeBlock fence, int number, IReadOnlyList<RunbookStep> steps, string file, ConfigErrors errors)
    {
        var fenceLine = fence.Line + 1;
        var map = LoadMapping(fence.Lines.ToString(), file, fenceLine, errors, $"escalate block {number}");
        if (map is null)
        {
            return null;
        }

        var yaml = Reading(file, fenceLine, errors);
        yaml.Known(map, s_escalateFields);
        var failures = YamlReading.Get(map, "after_failures");
        var unfinished = YamlReading.Has(map, "unfinished_after");
        if (failures is null == !unfinished)
        {
            errors.Add(new SourceRef(file, fenceLine), failures is null
                ? "say when to escalate: 'after_failures: {step: 3, times: 2}' or 'unfinished_after: 30m'"
                : "an escalate block has one trigger: 'after_failures' or 'unfinished_after'; write two blocks for both");
        }

        var page = new List<EscalationTarget>();
        long pageLine = fenceLine;
        if (YamlReading.Get(map, "page") is { } pageNode)
        {
            pageLine = yaml.Where(pageNode).Line;
            foreach (var text in yaml.StringOrList(pageNode))
            {
                if (PolicySpec.TryParseTarget(text, out var target))
                {
                    page.Add(target);
                }
                else
                {
                    yaml.Error(pageNode, $"page: target '{text}' is not user:<name>, schedule:<key> or commander");
                }
            }
        }
        else
        {
            yaml.Error(map, "'page' is required: whom to page, as escalation policies name them (user:<name>, schedule:<key> or commander)");
        }

        var after = unfinished ? yaml.Duration(map, "unfinished_after") : null;

        var (step, times) = failures is null ? (null, 1) : ReadFailures(failures, steps, yaml);
        var usable = page.Count > 0 && (after is not null || step is not null) && (failures is null || !unfinished);
        return usable ? new RunbookEscalation(number, fenceLine, step, times, after, page.Distinct().ToList(), pageLine) : null;
    }

    private static (int? Step, int Times) ReadFailures(YamlNode node, IReadOnlyList<RunbookStep> steps, YamlReading yaml)
    {
        if (node is not YamlMappingNode map)
        {
            yaml.Error(node, "after_failures is a mapping: {step: 3, times: 2}, the step by its number or key");
            return (null, 1);
        }

        yaml.Known(map, s_failureFields);
        var times = 1;
        if (YamlReading.Has(map, "times"))
        {
            times = yaml.WholeNumber(map, "times") ?? 0;
            if (times is < 1 or > 100)
            {
                yaml.Error(YamlReading.At(map, "times"), "after_failures: times must be a whole number from 1 to 100");
                return (null, 1);
            }
        }

        var named = yaml.Required(map, "step");
        if (named is null)
        {
            return (null, times);
        }

        var step = steps.FirstOrDefault(s => string.Equals(s.Key, named, StringComparison.Ordinal))
            ?? (int.TryParse(named, out var n) ? steps.FirstOrDefault(s => s.Number == n) : null);
        if (step is null)
        {
            yaml.Error(YamlReading.At(map, "step"), int.TryParse(named, out _)
                ? $"after_failures: there is no step {named} (this runbook has {steps.Count} step{(steps.Count == 1 ? "" : "s")})"
                : $"after_failures: there is no step with key '{named}'");
            return (null, times);
        }

        return (step.Number, times);
    }

    private static RunbookStep? ReadStep(FencedCodeBlock fence, int number, string section, string file, ConfigErrors errors)
    {
        var kind = (fence.Arguments ?? "").Trim();
        var fenceLine = fence.Line + 1;
        if (!StepKinds.All.Contains(kind, StringComparer.Ordinal))
        {
            errors.Add(new SourceRef(file, fenceLine), $"step kind '{kind}' is unknown; write ```step manual, ```step http or ```step shell");
            return null;
        }

        var map = LoadMapping(fence.Lines.ToString(), file, fenceLine, errors, $"step {number}");
        if (map is null)
        {
            return null;
        }

        var yaml = Reading(file, fenceLine, errors);
        var key = yaml.Str(map, "key") ?? $"step-{number}";
        if (!KeyShape().IsMatch(key))
        {
            yaml.Error(YamlReading.At(map, "key"), $"step key '{key}' must be lower-case letters, digits and dashes");
        }

        var title = yaml.Required(map, "title") ?? "";
        var dangerous = yaml.Bool(map, "dangerous") ?? false;
        return kind switch
        {
            StepKinds.Manual => ReadManual(map, yaml, number, key, title, section, dangerous, fenceLine),
            StepKinds.Http => ReadHttp(map, yaml, number, key, title, section, dangerous, fenceLine),
            _ => ReadShell(map, yaml, number, key, title, section, dangerous, fenceLine),
        };
    }

    private static ManualStep ReadManual(YamlMappingNode map, YamlReading yaml, int number, string key, string title, string section, bool dangerous, long line)
    {
        yaml.Known(map, s_manualFields);
        return new ManualStep(number, key, title, section, dangerous, line, yaml.Str(map, "text"));
    }

    private static HttpStep? ReadHttp(YamlMappingNode map, YamlReading yaml, int number, string key, string title, string section, bool dangerous, long line)
    {
        yaml.Known(map, s_httpFields);
        var method = (yaml.Str(map, "method") ?? "GET").ToUpperInvariant();
        if (!s_methods.Contains(method, StringComparer.Ordinal))
        {
            yaml.Error(YamlReading.At(map, "method"), $"method '{method}' is not one of {string.Join(", ", s_methods)}");
        }

        var url = yaml.Required(map, "url");
        if (url is not null && !url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("{{", StringComparison.Ordinal))
        {
            yaml.Error(YamlReading.At(map, "url"), $"url '{url}' must start with http:// or https://");
        }

        var expect = new List<int>();
        if (YamlReading.Get(map, "expect_status") is { } e)
        {
            foreach (var text in yaml.StringOrList(e))
            {
                if (int.TryParse(text, out var status) && status is >= 100 and <= 599)
                {
                    expect.Add(status);
                }
                else
                {
                    yaml.Error(e, $"expect_status '{text}' is not an HTTP status (100-599)");
                }
            }
        }

        var timeout = Timeout(map, yaml, TimeSpan.FromSeconds(10));
        Templates(map, yaml, "url", "headers", "body");
        return url is null
            ? null
            : new HttpStep(number, key, title, section, dangerous, line, method, url, Pairs(map, "headers", yaml), yaml.Str(map, "body"), expect, timeout);
    }

    private static ShellStep? ReadShell(YamlMappingNode map, YamlReading yaml, int number, string key, string title, string section, bool dangerous, long line)
    {
        yaml.Known(map, s_shellFields);
        var argv = YamlReading.Get(map, "argv") is YamlSequenceNode seq ? yaml.Strings(seq) : null;
        if (argv is null || argv.Count == 0 || string.IsNullOrWhiteSpace(argv[0]))
        {
            yaml.Error(YamlReading.Get(map, "argv") ?? map, "'argv' is required: the command and its arguments as a list, e.g. [systemctl, restart, api]; a runner never passes it through a shell");
            return null;
        }

        var expectExit = yaml.WholeNumber(map, "expect_exit") ?? 0;
        Templates(map, yaml, "argv", "env", "workdir");
        var timeout = Timeout(map, yaml, TimeSpan.FromSeconds(60));
        RunnerLabels(map, yaml);
        return new ShellStep(number, key, title, section, dangerous, line, argv, Pairs(map, "runner", yaml), Pairs(map, "env", yaml), yaml.Str(map, "workdir"), expectExit, timeout);
    }

    /// <summary>A step's runner labels are matched against how an admin registered runners: fixed values, never filled from an alert.</summary>
    private static void RunnerLabels(YamlMappingNode map, YamlReading yaml)
    {
        if (YamlReading.Get(map, "runner") is not YamlMappingNode labels)
        {
            return;
        }

        foreach (var (k, v) in labels.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && v is YamlScalarNode { Value: var value }
                && (!RunnerLabelKey().IsMatch(name) || string.IsNullOrEmpty(value) || value.Length > 128 || value.Contains("{{", StringComparison.Ordinal) || value.Contains("{%", StringComparison.Ordinal)))
            {
                yaml.Error(k, $"runner label '{name}: {value}' must be a key of letters, digits and underscores with a fixed value of 1–128 characters, as runners are registered (e.g. env: prod); labels are never templated");
            }
        }
    }

    /// <summary>Checks every template in the named fields, at the line of the value that holds it.</summary>
    private static void Templates(YamlMappingNode map, YamlReading yaml, params string[] fields)
    {
        foreach (var field in fields)
        {
            if (YamlReading.Get(map, field) is not { } node)
            {
                continue;
            }

            foreach (var scalar in node.AllNodes.OfType<YamlScalarNode>())
            {
                if (scalar.Value is { } text && StepTemplates.Problem(text) is { } problem)
                {
                    yaml.Error(scalar, $"{field}: {problem}");
                }
            }
        }
    }

    private static TimeSpan Timeout(YamlMappingNode map, YamlReading yaml, TimeSpan fallback)
    {
        var timeout = yaml.Duration(map, "timeout") ?? fallback;
        if (timeout <= TimeSpan.Zero || timeout > s_longestStep)
        {
            yaml.Error(YamlReading.At(map, "timeout"), $"timeout must be more than 0 and at most {DurationParser.Format(s_longestStep)}");
            return fallback;
        }

        return timeout;
    }

    private static Dictionary<string, string> Pairs(YamlMappingNode map, string field, YamlReading yaml)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (YamlReading.Get(map, field) is not { } node)
        {
            return pairs;
        }

        if (node is not YamlMappingNode inner)
        {
            yaml.Error(node, $"'{field}' must be a mapping of names to values");
            return pairs;
        }

        foreach (var (k, v) in inner.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && v is YamlScalarNode { Value: var value })
            {
                pairs[name] = value ?? "";
            }
            else
            {
                yaml.Error(k, $"'{field}' entries are name: value");
            }
        }

        return pairs;
    }

    /// <summary>YAML of a block that starts after line <paramref name="offset"/> of the file, as one mapping; mistakes are at file lines.</summary>
    private static YamlMappingNode? LoadMapping(string text, string file, long offset, ConfigErrors errors, string what)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            errors.Add(new SourceRef(file, offset + ex.Start.Line), $"{what} is not valid YAML: {ex.InnerException?.Message ?? ex.Message}");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            errors.Add(new SourceRef(file, offset), $"{what} must be YAML key: value pairs");
            return null;
        }

        return map;
    }

    /// <summary>A reader whose node lines, counted from the block's first line, come out as lines of the Markdown file.</summary>
    private static YamlReading Reading(string file, long offset, ConfigErrors errors) => new(errors) { File = file, LineOffset = offset };

    private static string InlineText(ContainerInline inline) =>
        string.Concat(inline.Descendants<Inline>().Select(i => i switch
        {
            LiteralInline literal => literal.Content.ToString(),
            CodeInline code => code.Content,
            _ => "",
        }));

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex KeyShape();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex RunnerLabelKey();
}
