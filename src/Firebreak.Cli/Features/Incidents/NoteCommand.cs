using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Incidents;

internal sealed class NoteCommand : Command
{
    public NoteCommand(IncidentContext context)
        : base("note", "Add a note to an incident's timeline.")
    {
        var reference = IncidentContext.ReferenceArgument();
        var text = new Argument<string>("text") { Description = "The note; quote it." };
        Arguments.Add(reference);
        Arguments.Add(text);
        this.SetCliAction(context.Env, (parse, ct) => context.ChangeAsync(parse, parse.GetValue(reference)!, "notes",
            new { text = parse.GetValue(text) },
            i => $"#{i.Number}: note added.", ct));
    }
}
