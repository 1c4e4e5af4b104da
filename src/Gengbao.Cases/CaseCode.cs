namespace Gengbao.Cases;

/// <summary>
/// The colour of a case (seed 004, 保用途): green has legal grounds and passes without a person; yellow awaits a check
/// on site; red is a confirmed violation that goes to rectification and enforcement.
/// </summary>
public enum CaseCode
{
    Green,
    Yellow,
    Red,
}
