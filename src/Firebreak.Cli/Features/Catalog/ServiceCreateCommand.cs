using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Catalog;

/// <summary><c>firebreak service create --key K --name N [--team] [--time-zone] [--policy] [--auto-resolve]</c> (admin).</summary>
internal sealed class ServiceCreateCommand : Command
{
    public ServiceCreateCommand(CommandContext context)
        : base("create", "Create a service (admin); alerts, integrations and incidents then refer to it by key.")
    {
        var key = new Option<string>("--key") { Description = "Lowercase letters, digits and dashes, e.g. checkout-api; it cannot change later.", Required = true };
        var fields = new ServiceFields();
        fields.Name.Required = true;
        Options.Add(key);
        fields.AddTo(this);
        this.SetCliAction(context.Env, (parse, ct) =>
        {
            var body = fields.Body(parse.GetValue, []);
            body["key"] = parse.GetValue(key)!.Trim();
            return context.SendAsync(parse, api => api.PostAsync("api/v1/services", body, ct), (output, r) =>
            {
                var created = r.Read<ServiceModel>();
                output.Line($"Created service {created.Key}.");
                output.Line("");
                output.Service(created);
            }, ct);
        });
    }
}
