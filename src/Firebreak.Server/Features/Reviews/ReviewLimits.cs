namespace Firebreak.Server.Features.Reviews;

public static class ReviewLimits
{
    public const int TextMax = 20_000;
    public const int QuestionMax = 500;
    public const int UsersAffectedMax = 2_000_000_000;
    public const int ImpactMinutesMax = 525_600;
}
