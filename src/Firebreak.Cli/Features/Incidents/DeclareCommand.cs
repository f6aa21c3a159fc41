using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Incidents;

internal sealed class DeclareCommand : Command
{
    private readonly Argument<string> _title = new("title") { Description = "What is broken, as a customer would notice it." };
    private readonly Option<string> _severity = new("--severity", "-s") { Description = "Severity key, e.g. SEV-2.", Required = true };
    private readonly Option<string?> _service = new("--service") { Description = "Affected service key." };
    private readonly Option<string?> _description = new("--description") { Description = "What is known so far." };
    private readonly Option<string?> _impact = new("--impact") { Description = "Who is affected and how." };
    private readonly Option<string?> _commander = new("--commander") { Description = "Username of the incident commander." };

    public DeclareCommand(IncidentContext context)
        : base("declare", "Declare a new incident.")
    {
        Arguments.Add(_title);
        Options.Add(_severity);
        Options.Add(_service);
        Options.Add(_description);
        Options.Add(_impact);
        Options.Add(_commander);
        this.SetCliAction(context.Env, (parse, ct) =>
        {
            var body = new
            {
                title = parse.GetValue(_title),
                severity = parse.GetValue(_severity),
                service = parse.GetValue(_service),
                description = parse.GetValue(_description),
                impact = parse.GetValue(_impact),
                commander = parse.GetValue(_commander),
            };
            return context.SendAsync(parse, api => api.PostAsync("api/v1/incidents", body, ct), (output, response) =>
            {
                var declared = response.Read<IncidentDetailModel>();
                output.Line($"Declared #{declared.Number} {declared.Severity} {declared.Slug}: {declared.Title}");
                output.Line($"Next: firebreak incident ack {declared.Number}");
            }, ct);
        });
    }
}
