using Gengbao.Import.Model;

namespace Gengbao.Demo.Output;

/// <summary>Layer names and fields exactly as in the reference sample county (/work/shared/data/sample_S.gpkg).</summary>
internal static class DemoLayers
{
    public static readonly SourceField[] Xzq =
    [
        new("XZQDM", FieldType.Text), new("XZQMC", FieldType.Text), new("JB", FieldType.Integer), new("SJDM", FieldType.Text),
    ];

    public static readonly SourceField[] Dltb =
    [
        new("BSM", FieldType.Integer), new("TBBH", FieldType.Text), new("DLBM", FieldType.Text), new("DLMC", FieldType.Text),
        new("ZLDWDM", FieldType.Text), new("TBMJ", FieldType.Real), new("SJNF", FieldType.Integer),
    ];

    public static readonly SourceField[] Yjjbnt =
    [
        new("BSM", FieldType.Integer), new("DLBM", FieldType.Text), new("ZLDWDM", FieldType.Text), new("TBMJ", FieldType.Real),
    ];

    public static readonly SourceField[] Gbznt =
    [
        new("XMMC", FieldType.Text), new("JSND", FieldType.Integer), new("MJ", FieldType.Real),
    ];

    public static readonly SourceField[] Pzyd =
    [
        new("PZWH", FieldType.Text), new("PZLX", FieldType.Text), new("PZRQ", FieldType.Date), new("PZMJ", FieldType.Real),
    ];

    public static readonly SourceField[] Bhtb =
    [
        new("JCBH", FieldType.Text), new("LY", FieldType.Text), new("QSXDL", FieldType.Text), new("HSXDL", FieldType.Text),
        new("TBMJ", FieldType.Real), new("HSX", FieldType.Date),
    ];
}
