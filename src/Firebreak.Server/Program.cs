using System.CommandLine;
using Firebreak.Cli;
using Firebreak.Server;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

var root = new RootCommand("Firebreak: incident response in one program. Run 'firebreak serve' to start the server.");

var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("FIREBREAK_URLS") ?? "http://127.0.0.1:8080" };
var dataDir = new Option<string>("--data") { Description = "Data directory (SQLite database).", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("FIREBREAK_DATA") ?? "data" };
var demo = new Option<bool>("--demo") { Description = "Load demo data from examples/ on start." };
var examples = new Option<string?>("--examples") { Description = "Folder of demo config (default: the repository's examples/)." };

var serve = new Command("serve", "Run the server: API, web UI and background engines.") { urls, dataDir, demo, examples };
serve.SetAction(async (parse, ct) =>
{
    var options = new ServerOptions
    {
        Urls = parse.GetValue(urls)!,
        DataDir = parse.GetValue(dataDir)!,
        Demo = parse.GetValue(demo),
        ExamplesDir = parse.GetValue(examples),
    };
    var app = FirebreakServer.Build(options);
    await FirebreakServer.PrepareAsync(app, Console.Out, ct);
    await app.StartAsync(ct);
    foreach (var address in app.Urls)
    {
        await Console.Out.WriteLineAsync($"Firebreak is running at {address}  (Ctrl+C to stop)");
    }

    await app.WaitForShutdownAsync(ct);
    return 0;
});

var migrate = new Command("migrate", "Bring the database schema up to date and exit.") { dataDir };
migrate.SetAction(async (parse, ct) =>
{
    var app = FirebreakServer.Build(new ServerOptions { DataDir = parse.GetValue(dataDir)! });
    await StorageSetup.MigrateAsync(app.Services, ct);
    await Console.Out.WriteLineAsync("Database is up to date.");
    return 0;
});

var configDir = new Argument<string>("dir") { Description = "Folder of YAML config files." };
var validate = new Command("validate", "Check config files and report errors with file and line.") { configDir };
validate.SetAction(async (parse, ct) =>
{
    var reader = FirebreakServer.OfflineConfigReader();
    var (set, errors) = reader.Read(parse.GetValue(configDir)!);
    // Warnings (such as a schedule with nobody on call for a weekend) are worth fixing but do not fail a pipeline.
    var warnings = errors.Count == 0 ? reader.Warnings(set, TimeProvider.System.GetUtcNow()) : [];
    foreach (var e in errors.Concat(warnings))
    {
        await Console.Error.WriteLineAsync(e);
    }

    await Console.Out.WriteLineAsync(errors.Count > 0 ? $"{errors.Count} error(s)."
        : warnings.Count > 0 ? $"Config is valid, with {warnings.Count} warning(s)." : "Config is valid.");
    return errors.Count == 0 ? 0 : 1;
});

var apply = new Command("apply", "Apply config files to the database (idempotent).") { configDir, dataDir };
apply.SetAction(async (parse, ct) =>
{
    var app = FirebreakServer.Build(new ServerOptions { DataDir = parse.GetValue(dataDir)! });
    await FirebreakServer.PrepareAsync(app, Console.Out, ct);
    await using var scope = app.Services.CreateAsyncScope();
    var result = await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, parse.GetValue(configDir)!, demo: false, ct);
    foreach (var e in result.Errors)
    {
        await Console.Error.WriteLineAsync(e);
    }

    foreach (var line in result.Changes.Select(c => $"{c.Kind.ToString().ToLowerInvariant()} {c.Resource}").Concat(result.Notices))
    {
        await Console.Out.WriteLineAsync(line);
    }

    await Console.Out.WriteLineAsync(result.Errors.Count == 0 ? $"Applied: {result.Summary}." : $"{result.Errors.Count} error(s); nothing applied.");
    return result.Errors.Count == 0 ? 0 : 1;
});

var plan = new Command("plan", "Show what apply would change (create, update field: old → new, unchanged) without writing.") { configDir, dataDir };
plan.SetAction(async (parse, ct) =>
{
    var app = FirebreakServer.Build(new ServerOptions { DataDir = parse.GetValue(dataDir)! });
    await using var scope = app.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<FirebreakDb>();
    // A plan writes nothing, not even the schema: an old or empty database is for 'migrate' (or apply) to bring up to date.
    if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
    {
        await Console.Error.WriteLineAsync("The database is not up to date; run 'firebreak migrate' first, then plan.");
        return 1;
    }

    var result = await scope.ServiceProvider.GetRequiredService<ConfigApplier>().PlanAsync(parse.GetValue(configDir)!, ct);
    foreach (var e in result.Errors.Concat(result.Warnings ?? []))
    {
        await Console.Error.WriteLineAsync(e);
    }

    await Console.Out.WriteAsync(result.Errors.Count == 0 ? result.Render() : $"{result.Errors.Count} error(s); no plan.{Environment.NewLine}");
    return result.Errors.Count == 0 ? 0 : 1;
});

root.Subcommands.Add(serve);
root.Subcommands.Add(migrate);
root.Subcommands.Add(new Command("config", "Config as code.") { validate, plan, apply });
ClientCommands.AddTo(root);

return await ClientCommands.InvokeAsync(root.Parse(args));
