using System.Text.Json;
using Firebreak.Core.Intake;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Intake;

public sealed record GenericMappingDto(GenericMapping Mapping, bool IsDefault, string SampleBody);

public sealed record GenericDryRunRequest(GenericMapping? Mapping, JsonElement? Payload);

/// <summary>One alert a dry run would produce, in the words the API uses everywhere else.</summary>
public sealed record GenericDryRunAlert(
    string Action, string? DedupKey, string? Summary, string? Source, string? Severity, DateTimeOffset? Timestamp,
    IReadOnlyDictionary<string, string>? Labels, IReadOnlyDictionary<string, string>? Annotations, IReadOnlyList<AlertLink>? Links,
    JsonElement? CustomDetails)
{
    public static GenericDryRunAlert From(AlertSignal s) => new(s.Action.ToWire(), s.DedupKey, s.Summary, s.Source, s.Severity?.ToWire(),
        s.Timestamp, s.Labels, s.Annotations, s.Links, s.CustomDetails);
}

/// <summary>Reads an integration's stored mapping; shared by intake, snippets and the admin API.</summary>
public static class GenericMappings
{
    public static GenericMapping Effective(Integration integration) =>
        integration.FieldMappingJson is { } json
            ? JsonSerializer.Deserialize<GenericMapping>(json, JsonSerializerOptions.Web) ?? GenericMapping.Default
            : GenericMapping.Default;

    /// <summary>The compiled mapping; it was validated when saved, so errors here mean the rules changed since.</summary>
    public static (GenericMapper? Mapper, Dictionary<string, string[]> Errors) Compile(Integration integration) =>
        GenericMappingValidation.Compile(Effective(integration));
}

/// <summary>Sets, shows and tries out how a generic integration reads its sender's JSON.</summary>
public sealed class GenericMappingService(FirebreakDb db, AuditLog audit)
{
    public async Task<Outcome<GenericMappingDto>> GetAsync(long id, CancellationToken ct)
    {
        var integration = await db.Integrations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        return integration is null ? Failure.NotFound($"No integration {id}.") : ToDto(integration);
    }

    public async Task<Outcome<GenericMappingDto>> SetAsync(Actor actor, long id, GenericMapping mapping, CancellationToken ct)
    {
        var integration = await db.Integrations.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (integration is null)
        {
            return Failure.NotFound($"No integration {id}.");
        }

        if (integration.Kind != IntegrationKinds.Generic)
        {
            return Failure.Conflict($"Integration '{integration.Name}' reads {integration.Kind} payloads; only generic integrations have a field mapping.");
        }

        var (_, errors) = GenericMappingValidation.Compile(mapping);
        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }

        integration.FieldMappingJson = JsonSerializer.Serialize(mapping, JsonSerializerOptions.Web);
        audit.Record(actor, "integration.mapping", $"integration/{integration.Name}", Summarize(mapping));
        await db.SaveChangesAsync(ct);
        return ToDto(integration);
    }

    /// <summary>What a sample body would become, with the saved mapping or one being edited; stores nothing.</summary>
    public async Task<Outcome<IReadOnlyList<GenericDryRunAlert>>> DryRunAsync(long id, GenericDryRunRequest request, CancellationToken ct)
    {
        var integration = await db.Integrations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (integration is null)
        {
            return Failure.NotFound($"No integration {id}.");
        }

        var (mapper, errors) = GenericMappingValidation.Compile(request.Mapping ?? GenericMappings.Effective(integration));
        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }

        if (request.Payload is not { } payload)
        {
            return Failure.Invalid("payload", "Send a sample 'payload': a JSON body as your sender would post it.");
        }

        var result = mapper!.Apply(payload);
        return result.Ok ? result.Signals.Select(GenericDryRunAlert.From).ToList() : Failure.Invalid(result.ErrorsByKey());
    }

    private static GenericMappingDto ToDto(Integration integration)
    {
        var mapping = GenericMappings.Effective(integration);
        return new GenericMappingDto(mapping, integration.FieldMappingJson is null, GenericMappingSample.Build(mapping));
    }

    // Paths are configuration, not secrets or alert data, so the audit can say what the mapping now reads.
    private static string Summarize(GenericMapping m)
    {
        var text = $"dedupKey={m.DedupKey}; summary={m.Summary}; severity={m.Severity?.Path}; action={m.Action?.Path}";
        return text.Length <= 500 ? text : text[..500];
    }
}
