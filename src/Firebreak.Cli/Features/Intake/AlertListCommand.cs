using System.CommandLine;
using System.Globalization;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Intake;

internal sealed class AlertListCommand : Command
{
    private readonly Option<string?> _status = new("--status") { Description = "open, triggered, acknowledged, resolved or all (the default)." };
    private readonly Option<int?> _incident = new("--incident") { Description = "Only alerts on this incident number." };
    private readonly Option<int?> _limit = new("--limit", "-n") { Description = "At most this many (server default 200)." };

    public AlertListCommand(CollectionContext context)
        : base("list", "List alerts, most recently seen first.")
    {
        Aliases.Add("ls");
        Options.Add(_status);
        Options.Add(_incident);
        Options.Add(_limit);
        this.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync(context.ListPath + Query(parse), ct),
            (output, response) => output.Alerts(response.Read<List<AlertSummaryModel>>()), ct));
    }

    // "all" is the web page's name for no status filter.
    private string Query(ParseResult parse) => new QueryString()
        .Add("status", parse.GetValue(_status) is { } s && string.Equals(s.Trim(), "all", StringComparison.OrdinalIgnoreCase) ? null : parse.GetValue(_status))
        .Add("incident", parse.GetValue(_incident)?.ToString(CultureInfo.InvariantCulture))
        .Add("limit", parse.GetValue(_limit)?.ToString(CultureInfo.InvariantCulture))
        .ToString();
}
