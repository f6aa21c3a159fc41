using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Firebreak.Server.Features.Runbooks;

/// <summary>
/// A runbook sent to the API: the Markdown file itself (<c>text/markdown</c> or <c>text/plain</c>, so
/// <c>curl --data-binary @runbooks/x.md</c> works), or JSON <c>{"text": "…", "version": N}</c> read as every JSON body is.
/// </summary>
public sealed record RunbookTextBody(RunbookTextRequest Value) : IBindableFromHttpContext<RunbookTextBody>, IEndpointParameterMetadataProvider
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [SuppressMessage("Design", "CA1000", Justification = "The framework's binding contract is a static member of the parameter type.")]
    public static async ValueTask<RunbookTextBody?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var type = context.Request.ContentType;
        if (type is null || type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            var (value, problem) = await JsonBody.ReadAsync<RunbookTextRequest>(context.Request, context.RequestAborted);
            return problem is null ? new RunbookTextBody(value!) : throw new BadBodyException(problem);
        }

        if (!type.StartsWith("text/markdown", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadBodyException(TypedResults.Problem(
                $"Content-Type must be text/markdown (the runbook file as it is) or application/json ({{\"text\": \"…\"}}), not '{type}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type"));
        }

        return new RunbookTextBody(new RunbookTextRequest(await ReadTextAsync(context.Request)));
    }

    [SuppressMessage("Design", "CA1000", Justification = "The framework's metadata contract is a static member of the parameter type.")]
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new AcceptsMetadata(["application/json", "text/markdown", "text/plain"], typeof(RunbookTextRequest)));

    private static async Task<string> ReadTextAsync(HttpRequest request)
    {
        byte[] bytes;
        try
        {
            using var copy = new MemoryStream();
            await request.Body.CopyToAsync(copy, request.HttpContext.RequestAborted);
            bytes = copy.ToArray();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = ex is RequestTooLargeException tooLarge ? tooLarge.Limit : FirebreakServer.MaxRequestBodyBytes;
            throw new BadBodyException(TypedResults.Problem($"The request body is larger than the {limit / 1024} KB limit.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large"));
        }

        string text;
        try
        {
            text = s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new BadBodyException(Problems.BadRequest("The runbook is not valid UTF-8; save the file as UTF-8 and send it again."));
        }

        // PostgreSQL cannot keep U+0000 in text and SQLite would: the same file must not depend on the database.
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new BadBodyException(Problems.BadRequest("The runbook contains a NUL character (U+0000); a runbook is text."));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new BadBodyException(Problems.BadRequest("The request body is empty; send the runbook's Markdown, front matter first."));
        }

        return text;
    }
}
