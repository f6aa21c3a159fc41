using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Firebreak.Server.Features.Auth;

/// <summary>
/// Hashes and checks passwords (ASP.NET Core Identity's PBKDF2, its default work factor). One per server, from DI, so
/// a test host can make the work factor cheap: every test server signs up four people before its first test runs.
/// </summary>
public sealed class Passwords
{
    private static readonly User s_nobody = new() { Username = "-", DisplayName = "-" };
    private readonly PasswordHasher<User> _hasher;
    private readonly string _dummyHash;

    public Passwords(IOptions<PasswordHasherOptions> options)
    {
        _hasher = new PasswordHasher<User>(options);
        // Made up front, so that even the first check of an unknown name costs what a known one does.
        _dummyHash = _hasher.HashPassword(s_nobody, "not-a-real-password");
    }

    public string Hash(User user, string password) => _hasher.HashPassword(user, password);

    public PasswordVerificationResult Verify(User user, string hash, string password) => _hasher.VerifyHashedPassword(user, hash, password);

    /// <summary>
    /// Spends the time a real check would when there is no such user, so the response time does not reveal which
    /// usernames exist.
    /// </summary>
    public void VerifyAgainstNobody(string password) => _hasher.VerifyHashedPassword(s_nobody, _dummyHash, password);
}
