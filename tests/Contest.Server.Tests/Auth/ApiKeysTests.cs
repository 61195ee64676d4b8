using Contest.Server.Auth;

namespace Contest.Server.Tests.Auth;

public class ApiKeysTests
{
    [Fact]
    public void Generate_GivesDistinctKeysOfTheDocumentedShape()
    {
        var keys = Enumerable.Range(0, 100).Select(_ => ApiKeys.Generate()).ToList();

        Assert.Equal(100, keys.Distinct().Count());
        Assert.All(keys, k =>
        {
            Assert.StartsWith("ck_", k);
            Assert.Equal(46, k.Length);
            Assert.True(ApiKeys.LooksLikeKey(k));
            Assert.DoesNotContain('+', k);
            Assert.DoesNotContain('/', k);
        });
    }

    [Fact]
    public void Hash_IsStableAndNotTheKey()
    {
        var key = ApiKeys.Generate();

        Assert.Equal(ApiKeys.Hash(key), ApiKeys.Hash(key));
        Assert.Equal(64, ApiKeys.Hash(key).Length);
        Assert.DoesNotContain(key[3..], ApiKeys.Hash(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("sk_abcdef")]
    public void LooksLikeKey_OtherText_False(string text)
    {
        Assert.False(ApiKeys.LooksLikeKey(text));
    }
}
