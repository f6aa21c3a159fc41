namespace Firebreak.Server.Http;

public enum OutcomeKind
{
    Ok,
    NotFound,
    Invalid,
    Conflict,
    Forbidden,
}

/// <summary>What a feature command returns: a value, or a reason the caller can show as-is.</summary>
public sealed record Outcome<T>(OutcomeKind Kind, T? Value, string? Error, IReadOnlyDictionary<string, string[]>? FieldErrors)
{
    public bool IsOk => Kind == OutcomeKind.Ok;

    public static implicit operator Outcome<T>(T value) => new(OutcomeKind.Ok, value, null, null);

    public static implicit operator Outcome<T>(Failure failure) =>
        new(failure.Kind, default, failure.Error, failure.FieldErrors);
}

/// <summary>A failure not yet bound to a result type, so commands can <c>return Failure.NotFound(...)</c>.</summary>
public sealed record Failure(OutcomeKind Kind, string Error, IReadOnlyDictionary<string, string[]>? FieldErrors = null)
{
    public static Failure NotFound(string error) => new(OutcomeKind.NotFound, error);

    public static Failure Conflict(string error) => new(OutcomeKind.Conflict, error);

    /// <summary>Allowed by role but not to this person here, such as approving one's own dangerous step.</summary>
    public static Failure Forbidden(string error) => new(OutcomeKind.Forbidden, error);

    public static Failure Invalid(string field, string error) =>
        new(OutcomeKind.Invalid, error, new Dictionary<string, string[]> { [field] = [error] });

    public static Failure Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(OutcomeKind.Invalid, "One or more fields are invalid.", errors);
}
