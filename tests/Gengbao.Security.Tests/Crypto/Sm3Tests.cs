using System.Text;
using Gengbao.Security.Crypto;

namespace Gengbao.Security.Tests.Crypto;

/// <summary>The sample vectors of GB/T 32905-2016 Appendix A.</summary>
public sealed class Sm3Tests
{
    [Theory]
    [InlineData("abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")]
    [InlineData("abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd", "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")]
    public void StandardVectors(string message, string expected) => Assert.Equal(expected, Sm3.HashHex(Encoding.ASCII.GetBytes(message)));
}
