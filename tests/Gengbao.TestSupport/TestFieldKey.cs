using System.Security.Cryptography;
using Gengbao.Security.Crypto;

namespace Gengbao.TestSupport;

/// <summary>
/// One random field key per test process, as a server holds one key file: rows sealed by one test class (roster
/// names and phones) must open in another that shares the database.
/// </summary>
public static class TestFieldKey
{
    public static FieldCipher Cipher { get; } = new(RandomNumberGenerator.GetBytes(FieldCipher.KeySize));
}
