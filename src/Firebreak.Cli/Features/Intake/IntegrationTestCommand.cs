using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Intake;

internal sealed class IntegrationTestCommand : Command
{
    public IntegrationTestCommand(CollectionContext context)
        : base("test", "Send a test alert through an integration's routing, as a sender would; it opens a real incident unless routed elsewhere.")
    {
        var id = context.IdArgument();
        Arguments.Add(id);
        this.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.PostAsync(context.PathOf(parse.GetValue(id), "test"), null, ct),
            (output, response) => output.Line(Describe(response.Read<IntakeResultModel>())), ct));
    }

    private static string Describe(IntakeResultModel result)
    {
        var alert = result.AlertId is { } a ? $"alert {a}" : "no alert";
        return result.Outcome switch
        {
            "created" or "appended" when result.IncidentNumber is { } n => $"Test event {result.Outcome} {alert} on incident #{n}.",
            "suppressed" => $"Test event recorded as {alert}; its service is in maintenance, so no incident was opened.",
            "dropped" => "Test event dropped by a routing rule; nothing was stored.",
            _ => $"Test event {result.Outcome}: {alert}.",
        };
    }
}
