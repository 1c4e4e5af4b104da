using Gengbao.Security.Masking;

namespace Gengbao.Security.Tests.Masking;

public sealed class PersonalDataMaskTests
{
    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("张三丰", "张**")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData("马", "*")]
    [InlineData(null, null)]
    public void Names(string? name, string? masked) => Assert.Equal(masked, PersonalDataMask.Name(name));

    [Theory]
    [InlineData("13812341234", "138****1234")]
    [InlineData("09305123456", "093****3456")]
    [InlineData("5123456", "***3456")]
    [InlineData("123", "***")]
    public void Phones(string phone, string masked) => Assert.Equal(masked, PersonalDataMask.Phone(phone));

    [Theory]
    [InlineData("622921199001011234", "6229**********1234")]
    [InlineData("62292119900101123X", "6229**********123X")]
    [InlineData("12345678", "********")]
    public void IdNumbers(string id, string masked) => Assert.Equal(masked, PersonalDataMask.IdNumber(id));
}
