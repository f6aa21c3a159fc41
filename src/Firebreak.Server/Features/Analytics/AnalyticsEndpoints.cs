using Firebreak.Core.Analytics;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Firebreak.Server.Features.Analytics;

public static class AnalyticsEndpoints
{
    public static void MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/analytics").WithTags("Analytics").RequireAuthorization(Policies.Viewer);
        group.MapGet("/", ReportAsync);
        group.MapGet("/{table}.csv", CsvAsync);
    }

    private static async Task<Results<Ok<AnalyticsReport>, ProblemHttpResult, ValidationProblem>> ReportAsync(
        AnalyticsService analytics, string? from, string? to, string? severity, string? service, string? team, string? include, string? tz, CancellationToken ct) =>
        Problems.From(await analytics.ReportAsync(new AnalyticsQuery(from, to, severity, service, team, include, tz), ct), TypedResults.Ok);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> CsvAsync(
        AnalyticsService analytics, string table, string? from, string? to, string? severity, string? service, string? team, string? include, string? tz, CancellationToken ct)
    {
        if (!AnalyticsCsv.Tables.Contains(table))
        {
            return TypedResults.Problem($"No analytics table '{table}'. Use one of: {string.Join(", ", AnalyticsCsv.Tables)}.",
                statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        return Problems.From(await analytics.ReportAsync(new AnalyticsQuery(from, to, severity, service, team, include, tz), ct), report =>
            TypedResults.File(System.Text.Encoding.UTF8.GetBytes(AnalyticsCsv.Write(table, report)!), "text/csv; charset=utf-8", $"analytics-{table}.csv"));
    }
}
