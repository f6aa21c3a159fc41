using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;

namespace Firebreak.Server.Http;

/// <summary>
/// A JSON request body read strictly, in one place for every endpoint: a handler takes <c>Body&lt;T&gt; body</c> and
/// gets a value that passed <see cref="JsonBody.ReadAsync{T}"/> (content type, size, syntax, UTF-8, types, nulls the
/// contract forbids), or never runs: the problem document naming the field is the answer. The framework's own binder
/// answers a bare 400 for the same inputs. <see cref="OptionalBody{T}"/> is the same for a body that may be left out.
/// </summary>
public sealed record Body<T>(T Value) : IBindableFromHttpContext<Body<T>>, IEndpointParameterMetadataProvider
    where T : class
{
    [SuppressMessage("Design", "CA1000", Justification = "The framework's binding contract is a static member of the parameter type.")]
    public static async ValueTask<Body<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var (value, problem) = await JsonBody.ReadAsync<T>(context.Request, context.RequestAborted);
        return problem is null ? new Body<T>(value!) : throw new BadBodyException(problem);
    }

    /// <summary>Tells OpenAPI (and so the fuzz test and API clients) what the body is.</summary>
    [SuppressMessage("Design", "CA1000", Justification = "The framework's metadata contract is a static member of the parameter type.")]
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new AcceptsMetadata(["application/json"], typeof(T), isOptional: false));
}

/// <summary>
/// A JSON body that may be left out (<c>resolve</c> with no note): <see cref="Value"/> is null when the request has
/// none, and a body that is there is read as strictly as <see cref="Body{T}"/> reads it. A type of its own rather
/// than <c>Body&lt;T&gt;?</c>, because the request delegate generator cannot pass a nullable parameter type to
/// <see cref="IEndpointParameterMetadataProvider"/>.
/// </summary>
public sealed record OptionalBody<T>(T? Value) : IBindableFromHttpContext<OptionalBody<T>>, IEndpointParameterMetadataProvider
    where T : class
{
    [SuppressMessage("Design", "CA1000", Justification = "The framework's binding contract is a static member of the parameter type.")]
    public static async ValueTask<OptionalBody<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        if (context.Request.ContentLength is null or 0 && context.Request.Headers.TransferEncoding.Count == 0)
        {
            return new OptionalBody<T>(Value: null);
        }

        var (value, problem) = await JsonBody.ReadAsync<T>(context.Request, context.RequestAborted);
        return problem is null ? new OptionalBody<T>(value) : throw new BadBodyException(problem);
    }

    [SuppressMessage("Design", "CA1000", Justification = "The framework's metadata contract is a static member of the parameter type.")]
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new AcceptsMetadata(["application/json"], typeof(T), isOptional: true));
}

/// <summary>A request body <see cref="Body{T}"/> refused, with the problem document that says why.</summary>
public sealed class BadBodyException(IResult problem) : Exception("The request body was refused.")
{
    public IResult Problem { get; } = problem;
}

/// <summary>Answers a refused body with its problem document; it is the client's mistake, so nothing is logged.</summary>
public sealed class BadBodyExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadBodyException bad)
        {
            return false;
        }

        await bad.Problem.ExecuteAsync(httpContext);
        return true;
    }
}
