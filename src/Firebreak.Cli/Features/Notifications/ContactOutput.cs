using System.Globalization;
using Firebreak.Cli.Output;
using static Firebreak.Cli.Output.OutputFormatter;

namespace Firebreak.Cli.Features.Notifications;

/// <summary>Your contact methods and notification rules.</summary>
internal static class ContactOutput
{
    public static void ContactMethods(this OutputFormatter output, IReadOnlyList<ContactMethodModel> methods) => output.Rows(methods,
        "No contact methods: add one with 'firebreak contact add email you@example.com', or pages cannot reach you.",
        ["ID", "KIND", "LABEL", "ADDRESS", "SIGNED"],
        m =>
        [
            Plain(m.Id.ToString(CultureInfo.InvariantCulture)),
            Plain(m.Kind),
            Plain(m.Label),
            Plain(m.Address),
            Plain(m.HasSecret ? "yes" : "-"),
        ]);

    public static void NotificationRules(this OutputFormatter output, IReadOnlyList<NotificationRuleModel> rules, IReadOnlyList<ContactMethodModel> methods) => output.Rows(rules,
        "No notification rules: every contact method is used as soon as you are paged.",
        ["AFTER", "ID", "KIND", "LABEL", "ADDRESS"],
        r =>
        {
            var m = methods.FirstOrDefault(m => m.Id == r.ContactMethodId);
            return
            [
                Plain(r.DelayMinutes == 0 ? "at once" : string.Create(CultureInfo.InvariantCulture, $"{r.DelayMinutes} min")),
                Plain(r.ContactMethodId.ToString(CultureInfo.InvariantCulture)),
                Plain(m?.Kind ?? "?"),
                Plain(m?.Label ?? "?"),
                Plain(m?.Address ?? "?"),
            ];
        });
}
