using System.CommandLine;
using System.Globalization;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.ActionItems;

internal sealed class ListCommand : Command
{
    private readonly Option<string?> _owner = new("--owner") { Description = "Only this owner's, by username." };
    private readonly Option<string?> _team = new("--team") { Description = "Only those owned by members of this team (its key)." };
    private readonly Option<string?> _status = new("--status") { Description = "Only these statuses, comma-separated: open, in_progress, done, wont_do." };
    private readonly Option<bool> _overdue = new("--overdue") { Description = "Only open ones past their due date." };
    private readonly Option<string?> _incident = new("--incident") { Description = "Only follow-ups of this incident (number or slug)." };
    private readonly Option<int?> _page = new("--page") { Description = $"Page of {ActionOutput.PageSize}, from 1." };

    public ListCommand(ActionContext context)
        : base("list", "List action items: open ones first, soonest due first.")
    {
        Aliases.Add("ls");
        foreach (var option in new Option[] { _owner, _team, _status, _overdue, _incident, _page })
        {
            Options.Add(option);
        }

        this.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync(ActionContext.Collection + Query(parse), ct),
            (output, response) => output.ActionItems(response.Read<List<ActionItemModel>>(), parse.GetValue(_page) ?? 1), ct));
    }

    private string Query(ParseResult parse) => new QueryString()
        .Add("owner", parse.GetValue(_owner))
        .Add("team", parse.GetValue(_team))
        .Add("status", parse.GetValue(_status))
        .Add("overdue", parse.GetValue(_overdue) ? "true" : null)
        .Add("incident", parse.GetValue(_incident))
        .Add("page", parse.GetValue(_page)?.ToString(CultureInfo.InvariantCulture))
        .ToString();
}
