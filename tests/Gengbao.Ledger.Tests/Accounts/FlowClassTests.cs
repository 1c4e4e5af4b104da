using Gengbao.Ledger.Accounts;

namespace Gengbao.Ledger.Tests.Accounts;

public sealed class FlowClassTests
{
    [Theory]
    [InlineData("0702", FlowClass.Construction)]
    [InlineData("05H1", FlowClass.Construction)]
    [InlineData("1003", FlowClass.Construction)]
    [InlineData("1109", FlowClass.Construction)]
    [InlineData("1201", FlowClass.Construction)]
    [InlineData("1006", FlowClass.Other)]       // rural road is agricultural land, not construction (domain.md §1.6)
    [InlineData("0301", FlowClass.Forest)]
    [InlineData("0303", FlowClass.Other)]       // mangrove is wetland
    [InlineData("0201", FlowClass.Garden)]
    [InlineData("0404", FlowClass.Grassland)]
    [InlineData("1104A", FlowClass.Pond)]
    [InlineData("1104K", FlowClass.Pond)]
    [InlineData("1202", FlowClass.Facility)]
    [InlineData("1203", FlowClass.Other)]
    [InlineData("1101", FlowClass.Other)]
    public void MapsLandClassToFlowClass(string dlbm, FlowClass expected) => Assert.Equal(expected, FlowClasses.Of(dlbm));
}
