using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Firebreak.Server.Tests.Support;
using Xunit.Abstractions;

namespace Firebreak.Server.Tests.Http;

/// <summary>
/// Malformed bodies on every POST, PUT and PATCH the OpenAPI document lists, plus the intakes, as each role: none may
/// get a 5xx or leave an error in the server's log. Seeded, so a failure replays; bounded, so it runs with the suite.
/// </summary>
public abstract class FuzzTests(ServerFixture fixture, ITestOutputHelper output, int count)
{
    private RunningServer Server => fixture.Server;

    /// <summary>FIREBREAK_FUZZ_SEED and FIREBREAK_FUZZ_BODIES run a longer or different campaign locally.</summary>
    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("FIREBREAK_FUZZ_SEED"), out var seed) ? seed : 20260115;

    private int Count => int.TryParse(Environment.GetEnvironmentVariable("FIREBREAK_FUZZ_BODIES"), out var bodies) ? bodies : count;

    private sealed record Operation(string Method, string Template, JsonNode Seed)
    {
        public override string ToString() => $"{Method} {Template}";
    }

    private sealed record Attempt(Operation Operation, FuzzBody Body, string Role, HttpClient Client);

    [Fact]
    public async Task MalformedBodies_OnEveryWriteOperationAndIntake_NeverGet5xx()
    {
        var world = await FuzzWorld.CreateAsync(Server);
        var operations = await OperationsAsync(world);
        var attempts = Plan(operations);
        Server.Log.Clear();
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(attempts, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (attempt, ct) =>
        {
            var url = world.Resolve(attempt.Operation.Template);
            using var request = new HttpRequestMessage(new HttpMethod(attempt.Operation.Method), url) { Content = new ByteArrayContent(attempt.Body.Bytes) };
            if (attempt.Body.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }

            try
            {
                using var response = await attempt.Client.SendAsync(request, ct);
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status >= 500)
                {
                    var text = await response.Content.ReadAsStringAsync(ct);
                    failures.Enqueue($"{status} {attempt.Operation.Method} {url} as {attempt.Role}: {attempt.Body.Mutation}; body {Preview(attempt.Body.Bytes)} → {Shorten(text)}");
                }
            }
            catch (HttpRequestException ex)
            {
                failures.Enqueue($"no answer {attempt.Operation.Method} {url} as {attempt.Role}: {attempt.Body.Mutation}: {ex.GetBaseException().Message}");
            }
        });

        var errors = Server.Log.Errors;
        output.WriteLine($"{attempts.Count} bodies over {operations.Count} operations in {clock.Elapsed.TotalSeconds:0.0} s (seed {Seed}), {failures.Count} 5xx or unanswered");
        output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        foreach (var failure in failures.Take(40))
        {
            output.WriteLine(failure);
        }

        foreach (var error in errors.DistinctBy(e => e.Split('\n')[0]).Take(20))
        {
            output.WriteLine("server log: " + Shorten(error, 2000));
        }

        Assert.True(operations.Count >= 30, $"only {operations.Count} operations found in /openapi/v1.json");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {attempts.Count} bodies got a 5xx or no answer; first: {failures.FirstOrDefault()}");
        Assert.True(errors.Count == 0, $"the server logged {errors.Count} errors; first: {(errors.Count > 0 ? errors[0] : "")}");
    }

    /// <summary>Every POST, PUT and PATCH in the running server's OpenAPI document, and the intakes, each with a seed body.</summary>
    private async Task<List<Operation>> OperationsAsync(FuzzWorld world)
    {
        using var document = JsonDocument.Parse(await Server.Anonymous.GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;
        var components = root.TryGetProperty("components", out var c) && c.TryGetProperty("schemas", out var s) ? s : default;
        var operations = new List<Operation>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "post" or "put" or "patch"))
            {
                JsonElement? schema = method.Value.TryGetProperty("requestBody", out var body)
                    && body.GetProperty("content").EnumerateObject().FirstOrDefault() is { Value: var content }
                    && content.ValueKind == JsonValueKind.Object && content.TryGetProperty("schema", out var found)
                    ? found : null;
                var name = $"{method.Name.ToUpperInvariant()} {path.Name}";
                operations.Add(new Operation(method.Name.ToUpperInvariant(), path.Name, FuzzSeeds.For(name, schema, components, world)));
            }
        }

        foreach (var intake in FuzzSeeds.Intakes.Where(i => !operations.Any(o => o.ToString() == i)))
        {
            var (method, template) = (intake.Split(' ')[0], intake.Split(' ')[1]);
            operations.Add(new Operation(method, template, FuzzSeeds.For(intake, null, default, world)));
        }

        return operations;
    }

    /// <summary>
    /// Each seed as each role, null at every position of every seed (as admin, to get past authorization), then random
    /// mutations in turn as viewer, responder and admin up to <see cref="Count"/>, shuffled so writes interleave.
    /// </summary>
    private List<Attempt> Plan(List<Operation> operations)
    {
        var rng = new Random(Seed);
        (string Role, HttpClient Client)[] roles = [("viewer", Server.Viewer), ("responder", Server.Responder), ("admin", Server.Admin)];
        var attempts = new List<Attempt>();
        foreach (var operation in operations)
        {
            var seed = Encoding.UTF8.GetBytes(operation.Seed.ToJsonString());
            attempts.AddRange(roles.Select(r => new Attempt(operation, new FuzzBody("seed", seed), r.Role, r.Client)));
            attempts.AddRange(FuzzBodies.NullsEverywhere(operation.Seed).Select(b => new Attempt(operation, b, "admin", Server.Admin)));
        }

        while (attempts.Count < Count)
        {
            var operation = operations[rng.Next(operations.Count)];
            var (role, client) = roles[attempts.Count % roles.Length];
            attempts.Add(new Attempt(operation, FuzzBodies.Random(operation.Seed, rng), role, client));
        }

        var shuffled = attempts.ToArray();
        rng.Shuffle(shuffled);
        return [.. shuffled];
    }

    private static string Preview(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(bytes.Length, 300)));
        return new string([.. text.Select(ch => char.IsControl(ch) ? '·' : ch)]) + (bytes.Length > 300 ? $"… ({bytes.Length} bytes)" : "");
    }

    private static string Shorten(string text, int max = 400) => text.Length <= max ? text : text[..max] + "…";
}

[RunsLong]
public sealed class FuzzTests_Sqlite(SqliteServerFixture f, ITestOutputHelper o) : FuzzTests(f, o, 3000), IClassFixture<SqliteServerFixture>;

/// <summary>Fewer bodies on PostgreSQL: the same paths, where what the database refuses differs (NUL in text, lengths).</summary>
public sealed class FuzzTests_Postgres(PostgresServerFixture f, ITestOutputHelper o) : FuzzTests(f, o, 1000), IClassFixture<PostgresServerFixture>;
