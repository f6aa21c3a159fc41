using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.ActionItems;

internal sealed class AddCommand : Command
{
    private readonly Option<string> _incident = new("--incident") { Description = "The incident it follows up: number (42) or slug.", Required = true };
    private readonly Option<string> _title = new("--title") { Description = "What will change, e.g. 'Alert on pool saturation at 80%'.", Required = true };
    private readonly Option<string?> _owner = new("--owner") { Description = "Who does it, by username." };
    private readonly Option<string?> _due = new("--due") { Description = "Due date, e.g. 2027-01-15." };
    private readonly Option<string?> _priority = new("--priority") { Description = "P0 (now), P1 (this sprint, the default) or P2 (soon)." };
    private readonly Option<string?> _link = new("--link") { Description = "Where it is tracked, e.g. https://tracker.example/browse/OPS-12." };

    public AddCommand(ActionContext context)
        : base("add", "Add an action item to an incident (responder); it goes on the incident's timeline.")
    {
        foreach (var option in new Option[] { _incident, _title, _owner, _due, _priority, _link })
        {
            Options.Add(option);
        }

        this.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.PostAsync(ActionContext.Collection, Request(parse), ct),
            (output, response) => output.ActionItemAdded(response.Read<ActionItemModel>()), ct));
    }

    private object Request(ParseResult parse) => new
    {
        incident = parse.GetValue(_incident),
        title = parse.GetValue(_title),
        owner = parse.GetValue(_owner),
        due = parse.GetValue(_due),
        priority = parse.GetValue(_priority),
        link = parse.GetValue(_link),
    };
}
