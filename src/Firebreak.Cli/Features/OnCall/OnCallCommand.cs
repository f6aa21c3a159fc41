using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.OnCall;

/// <summary><c>firebreak oncall now|at|participants</c>: who is on call, the question asked most at 3 a.m.</summary>
internal sealed class OnCallCommand : Command
{
    public OnCallCommand(CliEnvironment env)
        : base("oncall", "Who is on call: now on every schedule (or one), or at a given time.")
    {
        var context = new CommandContext(env, new ConnectionOptions().AddTo(this));
        Subcommands.Add(Now(context));
        Subcommands.Add(At(context));
        Subcommands.Add(new ParticipantsCommand(context));
        Subcommands.Add(new OverrideCommand(context));
    }

    private static Command Now(CommandContext context)
    {
        var command = new Command("now", "Who is on call now, on every schedule or on the one named.");
        var schedule = new Argument<string?>("schedule") { Description = "Schedule key; every schedule when left out.", Arity = ArgumentArity.ZeroOrOne };
        command.Arguments.Add(schedule);
        command.SetCliAction(context.Env, (parse, ct) => parse.GetValue(schedule) is { } key
            ? context.SendAsync(parse, api => api.GetAsync(OnCallPath(key, null), ct), (output, r) => output.OnCall(r.Read<OnCallModel>()), ct)
            : context.SendAsync(parse, api => api.GetAsync("api/v1/schedules", ct), (output, r) => output.OnCallEverywhere(r.Read<List<ScheduleModel>>()), ct));
        return command;
    }

    private static Command At(CommandContext context)
    {
        var command = new Command("at", "Who is (or was) on call on a schedule at a given time.");
        var schedule = new Argument<string>("schedule") { Description = "Schedule key, e.g. payments-primary." };
        var time = new Argument<DateTimeOffset?>("time") { Description = "ISO 8601 with Z or an offset, e.g. 2026-01-20T02:00Z.", CustomParser = TimeArgument.Parser(context.Env.Clock) };
        command.Arguments.Add(schedule);
        command.Arguments.Add(time);
        command.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync(OnCallPath(parse.GetValue(schedule)!, parse.GetValue(time)), ct),
            (output, r) => output.OnCall(r.Read<OnCallModel>()), ct));
        return command;
    }

    private static string OnCallPath(string schedule, DateTimeOffset? at) =>
        CommandContext.ApiPath("schedules", schedule, "on-call")
        + (at is { } t ? "?at=" + Uri.EscapeDataString(t.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture)) : "");
}
