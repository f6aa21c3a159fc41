namespace Firebreak.Server.Features.Incidents;

public static class IncidentLimits
{
    public const int TitleMax = 200;
    public const int TextMax = 10_000;
    public const int NoteMax = 10_000;
}
