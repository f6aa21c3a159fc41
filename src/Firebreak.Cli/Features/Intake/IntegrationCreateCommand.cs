using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Intake;

internal sealed class IntegrationCreateCommand : Command
{
    private readonly Option<string> _name = new("--name") { Description = "What it is, e.g. 'prod Alertmanager'.", Required = true };
    private readonly Option<string> _kind = new("--kind") { Description = "What sends to it: pagerduty, alertmanager, grafana or generic (any JSON, mapped on its page).", Required = true };
    private readonly Option<string?> _service = new("--service") { Description = "Service key for alerts no routing rule places." };

    private readonly ListOption _groupBy = new("--group-by",
        "Labels whose equal values put alerts into one incident. Default: dedup_key for pagerduty, alertname otherwise.");

    private readonly Option<string?> _window = new("--window") { Description = "How long an incident keeps collecting matching alerts, e.g. 30m (server default 1h)." };
    private readonly Option<int?> _rate = new("--rate") { Description = "Events per minute before the sender gets 429 (default: no limit)." };

    public IntegrationCreateCommand(CollectionContext context)
        : base("create", "Create an integration and print where to send alerts and how.")
    {
        Options.Add(_name);
        Options.Add(_kind);
        Options.Add(_service);
        Options.Add(_groupBy);
        Options.Add(_window);
        Options.Add(_rate);
        this.SetCliAction(context.Env, (parse, ct) =>
        {
            var body = new
            {
                name = parse.GetValue(_name),
                kind = parse.GetValue(_kind),
                service = parse.GetValue(_service),
                groupBy = _groupBy.ValuesOf(parse),
                groupWindow = parse.GetValue(_window),
                ratePerMinute = parse.GetValue(_rate),
            };
            return context.SendAsync(parse, api => api.PostAsync(context.ListPath, body, ct), (output, response) =>
            {
                var created = response.Read<IntegrationModel>();
                output.Line($"Created integration {created.Id} '{created.Name}' ({created.Kind}).");
                output.Line("");
                output.Integration(created);
            }, ct);
        });
    }
}
