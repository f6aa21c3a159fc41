using System.CommandLine;
using Firebreak.Cli.Api;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Notifications;

/// <summary>
/// <c>firebreak contact test &lt;id&gt;</c>: queues a test page through the real engine, then waits for its outcome, so a
/// typo in a webhook URL shows up now rather than at 3 a.m.
/// </summary>
internal sealed class ContactTestCommand : Command
{
    public static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan WaitAtMost = TimeSpan.FromSeconds(15);

    public ContactTestCommand(CommandContext context)
        : base("test", "Send a test page to one of your contact methods and wait (up to 15 s) to see it sent or failed.")
    {
        var id = ContactCommand.IdArgument();
        Arguments.Add(id);
        this.SetCliAction(context.Env, async (parse, ct) =>
        {
            using var api = await context.ConnectAsync(parse, ct);
            var test = (await api.PostAsync(ContactCommand.MethodPath(parse.GetValue(id), "test"), null, ct)).Read<TestNotificationModel>();
            var path = $"api/v1/me/deliveries/{test.Delivery}";
            var started = context.Env.Clock.GetTimestamp();
            ApiResponse response;
            DeliveryStatusModel status;
            while (true)
            {
                response = await api.GetAsync(path, ct);
                status = response.Read<DeliveryStatusModel>();
                if (status.Status is not ("queued" or "sending") || context.Env.Clock.GetElapsedTime(started) >= WaitAtMost)
                {
                    break;
                }

                await Task.Delay(PollEvery, context.Env.Clock, ct);
            }

            var output = context.Output();
            if (context.WantsJson(parse))
            {
                output.Json(response.Body);
            }
            else
            {
                output.Line(status.Status switch
                {
                    "sent" => $"Test {test.Channel} page sent.",
                    "failed" => $"Test {test.Channel} page failed: {status.Error ?? "no reason given"}",
                    "queued" or "sending" => $"Test {test.Channel} page still {status.Status} after {WaitAtMost.TotalSeconds:0} s; is the server's engine running?",
                    _ => $"Test {test.Channel} page {status.Status}{(status.Error is null ? "" : $": {status.Error}")}",
                });
            }

            return status.Status switch
            {
                "sent" => ExitCodes.Ok,
                "queued" or "sending" => ExitCodes.Unavailable,
                _ => ExitCodes.Refused,
            };
        });
    }
}
