using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.OnCall;

/// <summary>
/// <c>firebreak oncall participants &lt;schedule&gt; &lt;layer&gt; &lt;slot&gt;...</c>: a new rota for one layer. By default whoever is
/// on call now stays on until their shift ends; <c>--reshuffle</c> applies the new order as if it had always been so.
/// </summary>
internal sealed class ParticipantsCommand : Command
{
    public ParticipantsCommand(CommandContext context)
        : base("participants", "Replace a layer's participants (admin); whoever is on call now stays on unless --reshuffle.")
    {
        var schedule = new Argument<string>("schedule") { Description = "Schedule key, e.g. payments-primary." };
        var layer = new Argument<string>("layer") { Description = "Layer name, e.g. primary." };
        var slots = new Argument<List<List<string>>>("slot")
        {
            Description = "Slots in rotation order: a username, or people on together joined with + (bob+carol).",
            Arity = ArgumentArity.OneOrMore,
            CustomParser = ParseSlots,
        };
        var reshuffle = new Option<bool>("--reshuffle") { Description = "Apply the new order from the layer's start; who is on now may change." };
        Arguments.Add(schedule);
        Arguments.Add(layer);
        Arguments.Add(slots);
        Options.Add(reshuffle);
        this.SetCliAction(context.Env, (parse, ct) =>
        {
            var layerName = parse.GetValue(layer)!;
            var body = new { participants = parse.GetValue(slots), mode = parse.GetValue(reshuffle) ? "reshuffle" : "keep_current" };
            var path = CommandContext.ApiPath("schedules", parse.GetValue(schedule)!, $"layers/{Uri.EscapeDataString(layerName.Trim())}/participants");
            return context.SendAsync(parse, api => api.PutAsync(path, body, ct),
                (output, response) => output.Participants(response.Read<ScheduleLayersModel>(), layerName.Trim()), ct);
        });
    }

    private static List<List<string>> ParseSlots(System.CommandLine.Parsing.ArgumentResult result)
    {
        var slots = new List<List<string>>();
        foreach (var token in result.Tokens)
        {
            var people = token.Value.Split('+', StringSplitOptions.TrimEntries).ToList();
            if (people.Any(p => p.Length == 0))
            {
                result.AddError($"'{token.Value}' is not a slot; write a username, or usernames joined with + (bob+carol).");
                return [];
            }

            slots.Add(people);
        }

        return slots;
    }
}
