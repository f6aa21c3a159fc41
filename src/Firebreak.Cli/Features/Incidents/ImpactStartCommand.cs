using System.CommandLine;
using System.Globalization;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Incidents;

/// <summary><c>incident impact-start &lt;ref&gt; &lt;time|--clear&gt; [--reason]</c>: corrects when the impact began, which TTD counts from.</summary>
internal sealed class ImpactStartCommand : Command
{
    public ImpactStartCommand(IncidentContext context)
        : base("impact-start", "Set when the impact began (TTD counts from it), or --clear it when it is not known.")
    {
        var reference = IncidentContext.ReferenceArgument();
        var at = new Argument<DateTimeOffset?>("time")
        {
            Description = "When the impact began: ISO 8601 with Z or an offset (2026-01-20T02:00Z), or 'now'.",
            Arity = ArgumentArity.ZeroOrOne,
            CustomParser = TimeArgument.Parser(context.Env.Clock),
        };
        var clear = new Option<bool>("--clear") { Description = "The impact start is not known." };
        var reason = new Option<string?>("--reason") { Description = "Why, for the timeline." };
        Arguments.Add(reference);
        Arguments.Add(at);
        Options.Add(clear);
        Options.Add(reason);
        Validators.Add(result =>
        {
            var hasTime = result.GetResult(at) is { Tokens.Count: > 0 };
            if (hasTime == result.GetValue(clear))
            {
                result.AddError("Give either the time the impact began or --clear, not both.");
            }
        });
        this.SetCliAction(context.Env, (parse, ct) => context.ChangeAsync(parse, parse.GetValue(reference)!, "impact-start",
            new { at = parse.GetValue(clear) ? null : parse.GetValue(at), reason = parse.GetValue(reason) },
            i => $"#{i.Number} impact start: {(i.ImpactStartedAt is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "not known")}.", ct));
    }
}
