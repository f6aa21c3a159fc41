// Deliberate breaks of each dependency rule, compiled into this test assembly only, so RulesCatchViolationsTests can
// show that every rule fails when it is broken. Nothing in the product references these types.
#pragma warning disable CA1812 // Never instantiated: they exist to be inspected.
#pragma warning disable IDE0051

namespace Firebreak.Core.Violations
{
    internal sealed class ReadsHttp(Microsoft.AspNetCore.Http.HttpContext http)
    {
        public string Path => http.Request.Path;
    }
}

namespace Firebreak.Server.Engine.Violations
{
    internal sealed class KnowsIncidents(Firebreak.Server.Features.Incidents.Incident incident)
    {
        public long Id => incident.Id;
    }
}

namespace Firebreak.Server.Storage.Violations
{
    internal sealed class KnowsAlerts(Firebreak.Server.Features.Intake.Alert alert)
    {
        public long Id => alert.Id;
    }
}

namespace Firebreak.Server.Hosting.Violations
{
    internal sealed class NamesAService(Firebreak.Server.Features.Incidents.IncidentService service)
    {
        public object Service => service;
    }
}

namespace Firebreak.Server.Components.Violations
{
    internal sealed class NamesAFeature(Firebreak.Server.Features.OnCall.ScheduleService schedules)
    {
        public object Schedules => schedules;
    }
}

namespace Firebreak.Server.Features.Incidents.Violations
{
    /// <summary>The loop issue 12 removed: incidents calling escalation by name.</summary>
    internal sealed class CallsEscalation(Firebreak.Server.Features.Escalation.EscalationPolicyService policies)
    {
        public object Policies => policies;
    }
}

namespace Firebreak.Server.Features.Maintenance.Violations
{
    /// <summary>The other loop: maintenance calling intake's writer.</summary>
    internal sealed class CallsIntake(Firebreak.Server.Features.Intake.IntakeWriter writer)
    {
        public object Writer => writer;
    }
}

namespace Firebreak.Server.Features.Config.Violations
{
    /// <summary>The wide edge issue 12 removed: config staging schedules itself instead of running OnCall's section.</summary>
    internal sealed class StagesSchedules(Firebreak.Server.Features.OnCall.ScheduleService schedules)
    {
        public object Schedules => schedules;
    }
}
