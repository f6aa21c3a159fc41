using Firebreak.Server.Features.Comms;
using Firebreak.Server.Features.Comms.Config;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Comms;

/// <summary>Comms templates: checked against the model when config is read, and HTML-safe in email.</summary>
public sealed class CommsTemplateTests
{
    private static CommsModel Model(string title) => new(
        new Dictionary<string, object?>(StringComparer.Ordinal) { ["title"] = title, ["ref"] = "INC-7", ["service"] = "" },
        new Dictionary<string, object?>(StringComparer.Ordinal) { ["text"] = "Rolling back <now>", ["sent_by"] = "rita" });

    [Fact]
    public async Task RenderHtml_MarkupInATitle_StaysText()
    {
        const string template = "<p>{{ incident.title }}</p>\n{{ update.text }}";

        var html = await CommsTemplates.RenderHtmlAsync(template, Model("<script>alert(1)</script> & <b>db</b>"));
        var text = await CommsTemplates.RenderTextAsync(template, Model("<b>db</b>"));

        Assert.Equal("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;db&lt;/b&gt;</p><br>\nRolling back &lt;now&gt;", html);
        Assert.Equal("<p><b>db</b></p>\nRolling back <now>", text);
    }

    [Fact]
    public void Defaults_UseOnlyKnownVariables() =>
        Assert.All(DefaultTemplates.ByKind.Values, t => Assert.Null(CommsTemplates.Problem(t.Subject) ?? CommsTemplates.Problem(t.Body)));

    [Fact]
    public void Read_TemplatesWithUnknownNamesOrBadSyntax_AreErrorsAtFileAndLine()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", """
            services:
              - key: checkout
                name: Checkout
            comms_templates:
              - kind: update
                severity: SEV-1
                service: checkout
                subject: "{{ incident.titel }}"
                body: "{{ update.text }}"
              - kind: resolution
                body: "{% if incident.status %}done"
              - kind: tweet
                body: hi
              - kind: declaration
                service: nowhere
                body: "{{ incident.title }} by {{ commander }}"
              - kind: customer_email
                body: "{{ incident.title | upcase }} at {{ incident.started_at }}"
            """);

        var (set, errors) = FirebreakServer.OfflineConfigReader().Read(dir.Path);

        void Has(string where, string text) =>
            Assert.True(errors.Any(e => e.StartsWith($"{where}: ", StringComparison.Ordinal) && e.Contains(text, StringComparison.Ordinal)),
                $"no error at {where} mentioning '{text}' in:\n{string.Join("\n", errors)}");
        Has("config.yaml:8", "comms template 'update/SEV-1/checkout' subject: '{{ incident.titel }}' is not a variable comms templates know");
        Has("config.yaml:11", "comms template 'resolution' body: not a valid template");
        Has("config.yaml:12", "unknown template kind 'tweet'");
        Has("config.yaml:14", "comms template 'declaration/*/nowhere' names unknown service 'nowhere'");
        Has("config.yaml:16", "'{{ commander }}' is not a variable");
        Assert.Equal(5, errors.Count);
        Assert.Contains(set.CommsTemplates, t => t.Kind == "customer_email");
    }
}
