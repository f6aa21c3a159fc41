using ArchUnitNET.Fluent;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Firebreak.Architecture.Tests;

/// <summary>
/// The dependency rules of docs/architecture.md, written once. <see cref="FeatureGraph"/> is the allowed graph of the
/// server's features, lowest first; a feature may use those it lists, and nothing may use a feature above it.
/// </summary>
public static class DependencyRules
{
    public const string Server = "Firebreak.Server";
    public const string Features = "Firebreak.Server.Features";

    /// <summary>Each feature and the features it may depend on (Mermaid in docs/architecture.md draws the same graph).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> FeatureGraph = new Dictionary<string, string[]>
    {
        ["Ops"] = [],
        ["Audit"] = [],
        ["Auth"] = ["Audit"],
        ["Catalog"] = ["Audit", "Auth"],
        // Config as code runs the sections features register (IConfigSection) and knows none of them. It stages its own
        // part itself: users (Auth) and the severity scheme, teams and services (Catalog), which every section may name.
        ["Config"] = ["Audit", "Auth", "Catalog"],
        ["Incidents"] = ["Audit", "Auth", "Catalog", "Config"],
        ["Maintenance"] = ["Audit", "Auth", "Catalog", "Config"],
        ["OnCall"] = ["Audit", "Auth", "Catalog", "Config"],
        ["Intake"] = ["Audit", "Auth", "Catalog", "Config", "Incidents", "Maintenance"],
        ["Notifications"] = ["Audit", "Auth", "Catalog", "Config", "Incidents", "OnCall"],
        ["Escalation"] = ["Audit", "Auth", "Catalog", "Config", "Incidents", "OnCall", "Notifications"],
        // Runbooks read an incident's alerts to match them, send HTTP steps under notifications' outbound rules and
        // page through escalation when a runbook says to.
        ["Runbooks"] = ["Audit", "Auth", "Catalog", "Config", "Incidents", "Intake", "OnCall", "Notifications", "Escalation"],
        // Reviews open their draft through the incident's resolution hook and close the incident when published;
        // reminders to their owner go through notifications; the follow-ups they decide on are action items.
        ["Reviews"] = ["Audit", "Auth", "Catalog", "Config", "Incidents", "OnCall", "Notifications", "Escalation", "ActionItems"],
        // Action items follow up incidents (and, through them, reviews); they write on the incident's timeline and
        // remind their owner of overdue ones through notifications; they post to trackers under notifications' outbound
        // rules and webhook signature.
        ["ActionItems"] = ["Audit", "Auth", "Catalog", "Config", "Incidents", "Notifications"],
        // Analytics only reads: incidents and their timeline, reviews, pages sent and follow-ups. Nothing depends on it.
        ["Analytics"] = ["Audit", "Auth", "Catalog", "Config", "Incidents", "Reviews", "ActionItems", "Escalation", "Notifications", "OnCall"],
        // The public status page links back to this server's public address (notifications' PublicLinks).
        ["StatusPage"] = ["Audit", "Auth", "Catalog", "Config", "Incidents", "Maintenance", "Notifications"],
        // Comms writes stakeholder updates on the incident's timeline and reminds the comms lead through notifications.
        ["Comms"] = ["Audit", "Auth", "Catalog", "Config", "Incidents", "Notifications"],
    };

    /// <summary>Core is the domain: no web framework, no database, no files or network; time comes in as a value.</summary>
    public static IArchRule CoreIsPure() =>
        Types().That().ResideInNamespaceMatching(@"^Firebreak\.Core(\..*)?$")
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^(Microsoft\.AspNetCore|Microsoft\.EntityFrameworkCore|Npgsql|System\.IO|System\.Net)(\..*)?$")
            .AndShould().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^Firebreak\.(Server|Cli)(\..*)?$")
            .Because("Core holds the rules; the server and CLI depend on it, never the reverse");

    /// <summary>The engine runs any feature's work and knows none (handlers register themselves).</summary>
    public static IArchRule EngineKnowsNoFeature() => KnowsNoFeature("Engine");

    /// <summary>Storage holds the context, providers and migrations; features declare their own tables.</summary>
    public static IArchRule StorageKnowsNoFeature() => KnowsNoFeature("Storage");

    /// <summary>Hosting composes and runs features through IFeature; it names none of their services.</summary>
    public static IArchRule HostingKnowsNoFeature() => KnowsNoFeature("Hosting");

    /// <summary>The layout and shared widgets know who is signed in and acting (Auth, Audit) and nothing of any other feature.</summary>
    public static IArchRule ComponentsKnowOnlyWhoActs() =>
        Types().That().ResideInNamespaceMatching(@"^Firebreak\.Server\.Components(\..*)?$")
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(FeaturesExcept(["Audit", "Auth"]))
            .Because("pages live in their features and plug into the layout through registrations");

    /// <summary>A feature uses only the features below it in <see cref="FeatureGraph"/>.</summary>
    public static IArchRule FeatureUsesOnlyWhatItMay(string feature) =>
        Types().That().ResideInNamespaceMatching($@"^{Features.Replace(".", @"\.", StringComparison.Ordinal)}\.{feature}(\..*)?$")
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(FeaturesExcept([feature, .. FeatureGraph[feature]]))
            .Because($"{feature} may use only {(FeatureGraph[feature].Length == 0 ? "no other feature" : string.Join(", ", FeatureGraph[feature]))}: dependencies run one way, from intake towards notification");

    private static ArchUnitNET.Fluent.Syntax.Elements.Types.TypesShouldConjunctionWithDescription KnowsNoFeature(string area) =>
        Types().That().ResideInNamespaceMatching($@"^Firebreak\.Server\.{area}(\..*)?$")
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^Firebreak\.Server\.Features(\..*)?$")
            .Because($"{area} is infrastructure every feature builds on");

    private static string FeaturesExcept(IEnumerable<string> allowed) =>
        $@"^Firebreak\.Server\.Features\.(?!({string.Join("|", allowed)})(\.|$))[A-Za-z]+(\..*)?$";
}
