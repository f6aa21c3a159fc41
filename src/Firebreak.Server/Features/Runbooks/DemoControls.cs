using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Firebreak.Server.Features.Runbooks;

/// <summary>
/// With <c>--demo</c> only: the switches of a pretend production system (circuit breakers, read-only modes, adapter
/// fallbacks) for the example runbooks' HTTP steps to press, so a newcomer sees a step change something and read it back.
/// They live in memory and guard nothing; a real system's controls are its own.
/// </summary>
public static partial class DemoControls
{
    private static readonly ConcurrentDictionary<string, string> s_states = new(StringComparer.Ordinal)
    {
        ["registry-breaker"] = "closed",
        ["edge-rate-limit"] = "off",
        ["llm-adapter"] = "primary",
        ["settlement-batch"] = "on",
    };

    public static void MapDemoControls(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/demo/controls").WithTags("Demo").AllowAnonymous();
        group.MapGet("/", () => TypedResults.Ok(s_states.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new DemoControl(s.Key, s.Value))));
        group.MapGet("/{name}", (string name) => s_states.TryGetValue(name, out var state)
            ? Results.Ok(new DemoControl(name, state))
            : Results.Problem($"The demo has no control '{name}'; it has {string.Join(", ", s_states.Keys.Order(StringComparer.Ordinal))}.", statusCode: StatusCodes.Status404NotFound));
        group.MapPost("/{name}/{state}", (string name, string state) =>
        {
            if (!s_states.ContainsKey(name))
            {
                return Results.Problem($"The demo has no control '{name}'.", statusCode: StatusCodes.Status404NotFound);
            }

            if (!StateShape().IsMatch(state))
            {
                return Results.Problem("A state is a word of lower-case letters and dashes, such as open or closed.", statusCode: StatusCodes.Status400BadRequest);
            }

            s_states[name] = state;
            return Results.Ok(new DemoControl(name, state));
        });
    }

    [GeneratedRegex("^[a-z][a-z-]{0,31}$")]
    private static partial Regex StateShape();
}

public sealed record DemoControl(string Name, string State);
