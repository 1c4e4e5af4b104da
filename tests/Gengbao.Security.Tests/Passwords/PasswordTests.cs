using Gengbao.Security.Passwords;

namespace Gengbao.Security.Tests.Passwords;

public sealed class PasswordTests
{
    [Fact]
    public void HashCarriesItsParametersAndVerifies()
    {
        var hash = new PasswordHasher().Hash("Gengbao-2026!");
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", hash);
        Assert.True(PasswordHasher.Verify("Gengbao-2026!", hash));
        Assert.False(PasswordHasher.Verify("Gengbao-2026?", hash));
        Assert.NotEqual(hash, new PasswordHasher().Hash("Gengbao-2026!")); // salted
    }

    /// <summary>RFC 9106 §5.3 has no plain-API vector for Argon2id without secret/ad; this checks against the reference CLI's output instead.</summary>
    [Fact]
    public void MatchesTheArgon2ReferenceImplementation()
    {
        // echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 -l 32 -e  (phc-winner-argon2 reference CLI)
        Assert.True(PasswordHasher.Verify("password", "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"));
    }

    [Fact]
    public void WeakerStoredCostNeedsRehashAndMalformedHashesNeverVerify()
    {
        var weak = new PasswordHasher(memoryKiB: 64, iterations: 1).Hash("Gengbao-2026!");
        Assert.True(PasswordHasher.Verify("Gengbao-2026!", weak));
        Assert.True(new PasswordHasher().NeedsRehash(weak));
        Assert.False(new PasswordHasher(64, 1).NeedsRehash(weak));
        Assert.False(PasswordHasher.Verify("x", "plain"));
        Assert.False(PasswordHasher.Verify("x", "$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"));
    }

    [Theory]
    [InlineData("short1A!", "u", "at least 10")]
    [InlineData("alllowercaseletters", "u", "three of")]
    [InlineData("Abcdefgh12zhang", "zhang", "username")]
    [InlineData("Abcdefgh12!", "zhang", null)]
    public void Rules(string password, string username, string? problem)
    {
        var result = PasswordRules.Check(password, username);
        if (problem is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Contains(problem, result);
        }
    }

    [Fact]
    public void GeneratedPasswordsPassTheRules()
    {
        for (var i = 0; i < 50; i++)
        {
            Assert.Null(PasswordRules.Check(PasswordRules.Generate(), "admin"));
        }
    }
}
