using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Maintenance;

internal sealed class AddCommand : Command
{
    private readonly Option<string> _reason = new("--reason") { Description = "Why; shown next to every alert it keeps quiet.", Required = true };
    private readonly Option<DateTimeOffset?> _from = new("--from") { Description = "One-off: start, ISO 8601 with Z or an offset (2026-01-20T02:00Z), or 'now'." };
    private readonly Option<DateTimeOffset?> _to = new("--to") { Description = "One-off: end, like --from." };
    private readonly ListOption _days = new("--days", "Weekly: days, e.g. sat,sun.");
    private readonly Option<string?> _startTime = new("--start-time") { Description = "Weekly: local start time, HH:MM." };
    private readonly Option<string?> _cron = new("--cron") { Description = "Recurring: when it starts, as a cron expression in the window's time zone, e.g. '30 1 * * *'." };
    private readonly Option<string?> _length = new("--length") { Description = "Weekly or cron: how long each window lasts, e.g. 2h or 90m." };
    private readonly Option<string?> _timeZone = new("--time-zone") { Description = "IANA time zone for weekly and cron windows, e.g. Europe/Berlin. Default: the service's, else UTC." };

    public AddCommand(MaintenanceContext context)
        : base("add", "Add a maintenance window (admin): one-off (--from/--to), weekly (--days/--start-time/--length) or cron (--cron/--length).")
    {
        var service = MaintenanceContext.ServiceArgument();
        Arguments.Add(service);
        _from.CustomParser = TimeArgument.Parser(context.Env.Clock);
        _to.CustomParser = TimeArgument.Parser(context.Env.Clock);
        foreach (var option in new Option[] { _reason, _from, _to, _days, _startTime, _cron, _length, _timeZone })
        {
            Options.Add(option);
        }

        Validators.Add(Validate);
        this.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.PostAsync(MaintenanceContext.PathOf(parse.GetValue(service)!), Request(parse), ct),
            (output, response) => output.MaintenanceAdded(response.Read<MaintenanceModel>()), ct));
    }

    private object Request(ParseResult parse) => new
    {
        reason = parse.GetValue(_reason),
        kind = Kind(parse.GetValue(_from) is not null, _days.ValuesOf(parse) is not null, parse.GetValue(_cron) is not null),
        startsAt = parse.GetValue(_from),
        endsAt = parse.GetValue(_to),
        days = _days.ValuesOf(parse),
        startTime = parse.GetValue(_startTime),
        cron = parse.GetValue(_cron),
        length = parse.GetValue(_length),
        timeZone = parse.GetValue(_timeZone),
    };

    /// <summary>
    /// Which of the three kinds the options describe, checked while parsing so a mixed-up window exits 2 and sends
    /// nothing. The server checks the values themselves (days, times, cron, zone) and names the bad one.
    /// </summary>
    private void Validate(CommandResult result)
    {
        var once = result.GetResult(_from) is not null || result.GetResult(_to) is not null;
        var weekly = result.GetResult(_days) is not null || result.GetResult(_startTime) is not null;
        var cron = result.GetResult(_cron) is not null;
        var error = ((once ? 1 : 0) + (weekly ? 1 : 0) + (cron ? 1 : 0)) switch
        {
            0 => "Say when: --from/--to for a one-off window, --days/--start-time/--length for a weekly one, or --cron/--length.",
            > 1 => "Give one kind of window: --from/--to, or --days/--start-time, or --cron; not a mix.",
            _ when once && (result.GetResult(_from) is null || result.GetResult(_to) is null) => "A one-off window needs both --from and --to.",
            _ when once && result.GetResult(_length) is not null => "--length is for weekly and cron windows; a one-off window ends at --to.",
            _ when weekly && (result.GetResult(_days) is null || result.GetResult(_startTime) is null) => "A weekly window needs --days and --start-time.",
            _ when !once && result.GetResult(_length) is null => "Say how long each window lasts with --length, e.g. 2h.",
            _ => null,
        };
        if (error is not null)
        {
            result.AddError(error);
        }
    }

    private static string Kind(bool once, bool weekly, bool cron) => once ? "once" : weekly ? "weekly" : cron ? "cron" : "";
}
