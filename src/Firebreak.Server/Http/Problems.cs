using Microsoft.AspNetCore.Http.HttpResults;

namespace Firebreak.Server.Http;

/// <summary>Turns outcomes into RFC 7807 problem documents.</summary>
public static class Problems
{
    /// <summary>
    /// The result of a command: <paramref name="ok"/>'s on success, else 404, 409, 403 or a 400 naming each field. Typed, so
    /// a handler's signature (and the OpenAPI document) says what it can answer.
    /// </summary>
    public static Results<TOk, ProblemHttpResult, ValidationProblem> From<T, TOk>(Outcome<T> outcome, Func<T, TOk> ok)
        where TOk : IResult => outcome.Kind switch
        {
            OutcomeKind.Ok => ok(outcome.Value!),
            OutcomeKind.NotFound => TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
            OutcomeKind.Conflict => TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
            OutcomeKind.Forbidden => TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden"),
            _ => Validation(outcome.FieldErrors ?? new Dictionary<string, string[]>(), outcome.Error),
        };

    public static ProblemHttpResult BadRequest(string detail, string title = "Bad request") =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title);

    public static ValidationProblem Validation(IReadOnlyDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail: detail, title: "Validation failed");
}
