using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Firebreak.Server.Http;

/// <summary>
/// Finds the nulls a request contract's nullable annotations forbid but System.Text.Json lets through: members left
/// out of the body (<c>steps: [{}]</c> leaves <c>targets</c> null) and null items of lists and values of maps
/// (<c>groupBy: [null]</c>) — <see cref="JsonSerializerOptions.RespectNullableAnnotations"/> only covers a member
/// written as <c>null</c>. Checking here, once, names each offender by its JSON path and keeps every service from
/// meeting a null its types say cannot be there.
/// </summary>
public static class NullableContract
{
    private static readonly ConcurrentDictionary<MemberInfo, NullabilityInfo?> s_members = new();

    /// <summary>Each offending field by JSON path (<c>layers[0].participants[1]</c>), with what is wrong with it.</summary>
    public static Dictionary<string, string[]> Violations(object value, JsonSerializerOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        Walk(value, options.GetTypeInfo(value.GetType()), "", options, errors);
        return errors;
    }

    private static void Walk(object value, JsonTypeInfo info, string path, JsonSerializerOptions options, Dictionary<string, string[]> errors, NullabilityInfo? declared = null)
    {
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var property in info.Properties.Where(p => p.Get is not null && (p.Set is not null || p.AssociatedParameter is not null)))
                {
                    var member = property.Get!(value);
                    var nullability = property.AttributeProvider is MemberInfo m ? s_members.GetOrAdd(m, Nullability) : null;
                    var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (member is null)
                    {
                        if (nullability?.ReadState == NullabilityState.NotNull)
                        {
                            errors[at] = [$"'{at}' is required."];
                        }
                    }
                    else
                    {
                        Walk(member, options.GetTypeInfo(property.PropertyType), at, options, errors, nullability);
                    }
                }

                break;
            case JsonTypeInfoKind.Enumerable when info.ElementType is { } elementType:
                var item = declared is null ? null : declared.ElementType ?? declared.GenericTypeArguments.FirstOrDefault();
                var index = 0;
                foreach (var element in (IEnumerable)value)
                {
                    Check(element, elementType, item, $"{path}[{index++}]", options, errors);
                }

                break;
            case JsonTypeInfoKind.Dictionary when info.ElementType is { } valueType && value is IDictionary map:
                var entry = declared?.GenericTypeArguments.LastOrDefault();
                foreach (DictionaryEntry pair in map)
                {
                    Check(pair.Value, valueType, entry, $"{path}.{pair.Key}", options, errors);
                }

                break;
        }
    }

    private static void Check(object? element, Type type, NullabilityInfo? nullability, string at, JsonSerializerOptions options, Dictionary<string, string[]> errors)
    {
        if (element is not null)
        {
            Walk(element, options.GetTypeInfo(type), at, options, errors, nullability);
        }
        else if (nullability?.ReadState == NullabilityState.NotNull)
        {
            errors[at] = [$"'{at}' must not be null."];
        }
    }

    private static NullabilityInfo? Nullability(MemberInfo member) => member switch
    {
        PropertyInfo p => new NullabilityInfoContext().Create(p),
        FieldInfo f => new NullabilityInfoContext().Create(f),
        _ => null,
    };
}
