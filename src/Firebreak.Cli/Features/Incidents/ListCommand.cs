using System.CommandLine;
using System.Globalization;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Incidents;

internal sealed class ListCommand : Command
{
    private const string OpenFilter = "open";
    private readonly Option<string?> _status = new("--status") { Description = "Only these statuses, comma-separated, e.g. investigating,identified; or open (not yet resolved), as on the web page." };
    private readonly Option<string?> _severity = new("--severity") { Description = "Only these severities, comma-separated, e.g. SEV-1,SEV-2." };
    private readonly Option<string?> _service = new("--service") { Description = "Only this service key." };
    private readonly Option<bool> _open = new("--open") { Description = "Only incidents not yet resolved." };
    private readonly Option<int?> _limit = new("--limit", "-n") { Description = "At most this many (server default 100)." };

    public ListCommand(IncidentContext context)
        : base("list", "List incidents: open ones first, most severe first.")
    {
        Aliases.Add("ls");
        Options.Add(_status);
        Options.Add(_severity);
        Options.Add(_service);
        Options.Add(_open);
        Options.Add(_limit);
        this.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync("api/v1/incidents" + Query(parse), ct),
            (output, response) => output.Incidents(response.Read<List<IncidentSummaryModel>>()), ct));
    }

    private string Query(ParseResult parse)
    {
        // "open" is the web page's filter name for what the API calls open=true.
        var status = parse.GetValue(_status);
        var statusIsOpen = string.Equals(status?.Trim(), OpenFilter, StringComparison.OrdinalIgnoreCase);
        return new QueryString()
            .Add("status", statusIsOpen ? null : status)
            .Add("severity", parse.GetValue(_severity))
            .Add("service", parse.GetValue(_service))
            .Add("open", statusIsOpen || parse.GetValue(_open) ? "true" : null)
            .Add("limit", parse.GetValue(_limit)?.ToString(CultureInfo.InvariantCulture))
            .ToString();
    }
}
