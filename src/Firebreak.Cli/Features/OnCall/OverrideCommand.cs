using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.OnCall;

/// <summary><c>firebreak oncall override add|remove|list</c>: cover a shift without editing the schedule.</summary>
internal sealed class OverrideCommand : Command
{
    public OverrideCommand(CommandContext context)
        : base("override", "Cover a shift on a schedule (responders and admins), remove cover, or list it.")
    {
        Subcommands.Add(Add(context));
        Subcommands.Add(Remove(context));
        Subcommands.Add(List(context));
    }

    private static Argument<string> ScheduleArgument() => new("schedule") { Description = "Schedule key, e.g. payments-primary." };

    private static string PathOf(string schedule, string? id = null) =>
        CommandContext.ApiPath("schedules", schedule, "overrides" + (id is null ? "" : "/" + Uri.EscapeDataString(id.Trim())));

    private static Command Add(CommandContext context)
    {
        var command = new Command("add", "Put someone on call from --from to --to: instead of the rotation, or with --add as well as it.");
        var schedule = ScheduleArgument();
        var person = new Argument<string>("person") { Description = "Username of who covers, e.g. kofi." };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Start, ISO 8601 with Z or an offset (2026-01-20T02:00Z), or 'now'.", CustomParser = TimeArgument.Parser(context.Env.Clock), Required = true };
        var to = new Option<DateTimeOffset?>("--to") { Description = "End, like --from.", CustomParser = TimeArgument.Parser(context.Env.Clock), Required = true };
        var add = new Option<bool>("--add") { Description = "On call as well as whoever the rotation puts on, rather than instead." };
        command.Arguments.Add(schedule);
        command.Arguments.Add(person);
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(add);
        command.SetCliAction(context.Env, (parse, ct) =>
        {
            var key = parse.GetValue(schedule)!;
            var body = new { person = parse.GetValue(person), from = parse.GetValue(from), to = parse.GetValue(to), mode = parse.GetValue(add) ? "add" : "replace" };
            return context.SendAsync(parse, api => api.PostAsync(PathOf(key), body, ct),
                (output, r) => output.OverrideChanged("Added", key, r.Read<OverrideModel>()), ct);
        });
        return command;
    }

    private static Command Remove(CommandContext context)
    {
        var command = new Command("remove", "Remove an override; the rotation decides again for its time.");
        command.Aliases.Add("rm");
        var schedule = ScheduleArgument();
        var id = new Argument<string>("id") { Description = "Override id, as 'firebreak oncall override list' shows it." };
        command.Arguments.Add(schedule);
        command.Arguments.Add(id);
        command.SetCliAction(context.Env, (parse, ct) =>
        {
            var key = parse.GetValue(schedule)!;
            return context.SendAsync(parse, api => api.DeleteAsync(PathOf(key, parse.GetValue(id)), ct),
                (output, r) => output.OverrideChanged("Removed", key, r.Read<OverrideModel>()), ct);
        });
        return command;
    }

    private static Command List(CommandContext context)
    {
        var command = new Command("list", "List a schedule's overrides with their ids.");
        command.Aliases.Add("ls");
        var schedule = ScheduleArgument();
        command.Arguments.Add(schedule);
        command.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync(PathOf(parse.GetValue(schedule)!), ct),
            (output, r) => output.Overrides(r.Read<List<OverrideModel>>()), ct));
        return command;
    }
}
