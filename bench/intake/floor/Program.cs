// The floor under bench/intake: the least a durable intake server on .NET can do for an Alertmanager webhook on this
// machine. Kestrel, the webhook's JSON read, one row per distinct alert upserted by one writer that commits a batch of
// requests at a time (SQLite WAL, synchronous=FULL, checkpoints off the writer, as Firebreak), and the 2xx after the
// commit. No routing, incidents, events or metrics: what Firebreak costs beyond this is the work of those.
// With --postgres <connection string> it keeps the rows on PostgreSQL instead, one statement per batch.
using Floor;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var data = builder.Configuration["data"] ?? "floor-data";
Directory.CreateDirectory(data);
using IAlertStore store = builder.Configuration["postgres"] is { } postgres
    ? new PostgresAlertStore(postgres)
    : new SqliteAlertStore(Path.Combine(data, "floor.db"));
var writer = new GroupCommitWriter(store);

var app = builder.Build();
app.MapGet("/ready", () => "ready");
app.MapPost("/integrations/alertmanager/{key}", async (HttpRequest request) =>
{
    var alerts = await WebhookAlerts.ReadAsync(request.Body, request.HttpContext.RequestAborted);
    if (alerts is null)
    {
        return Results.Problem(statusCode: 400, title: "Not an Alertmanager webhook");
    }

    await writer.SubmitAsync(alerts);
    return Results.Json(new Answer("accepted", alerts.Count), FloorJson.Default.Answer);
});

var upkeep = store.RunAsync(app.Lifetime.ApplicationStopping);
writer.Start();
await app.RunAsync();
writer.Stop();
await upkeep;
