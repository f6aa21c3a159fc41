using Microsoft.AspNetCore.Http.HttpResults;

namespace Firebreak.Server.Http;

/// <summary>Turns outcomes into RFC 7807 problem documents.</summary>
public static class Problems
{
    public static IResult From<T>(Outcome<T> outcome, Func<T, IResult> ok) => outcome.Kind switch
    {
        OutcomeKind.Ok => ok(outcome.Value!),
        OutcomeKind.NotFound => TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        OutcomeKind.Conflict => TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
        _ => Validation(outcome.FieldErrors ?? new Dictionary<string, string[]>(), outcome.Error),
    };

    public static ProblemHttpResult BadRequest(string detail, string title = "Bad request") =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title);

    public static ValidationProblem Validation(IReadOnlyDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail: detail, title: "Validation failed");
}
