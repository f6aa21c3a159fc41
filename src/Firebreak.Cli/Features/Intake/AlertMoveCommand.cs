using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Intake;

internal sealed class AlertMoveCommand : Command
{
    /// <summary>The API's word for "open a new incident for it" (a split).</summary>
    private const string NewIncident = "new";

    public AlertMoveCommand(CollectionContext context)
        : base("move", "Move an alert to another open incident (--to), or split it off into a new one (--new).")
    {
        var id = context.IdArgument();
        var to = new Option<string?>("--to") { Description = "The open incident to move it to, by number or slug." };
        var split = new Option<bool>("--new") { Description = "Open a new incident for it instead." };
        Arguments.Add(id);
        Options.Add(to);
        Options.Add(split);

        // Exactly one of the two, checked while parsing so a mistake exits 2 and sends nothing.
        Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValue(to)) == !result.GetValue(split))
            {
                result.AddError("Give exactly one of --to <incident> and --new.");
            }
        });
        this.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.PostAsync(context.PathOf(parse.GetValue(id), "move"), new { incident = parse.GetValue(split) ? NewIncident : parse.GetValue(to) }, ct),
            (output, response) =>
            {
                var moved = response.Read<MoveResultModel>();
                var from = moved.FromIncident > 0 ? $" from #{moved.FromIncident}" : "";
                output.Line($"Alert {moved.AlertId} moved{from} to {(parse.GetValue(split) ? "new " : "")}incident #{moved.ToIncident}.");
            }, ct));
    }
}
