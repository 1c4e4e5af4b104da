using Gengbao.Security.Access;
using Gengbao.Security.Masking;
using Gengbao.Server.Security;
using Gengbao.Storage.Patrol;

namespace Gengbao.Server.Patrol;

/// <summary>
/// Masks field managers' names and phones in every patrol answer for roles that do not need them (docs/security.md:
/// leaders, field managers, exchange accounts see 张** and 138****1234). One filter on the whole patrol group, so an
/// endpoint added later cannot forget it.
/// </summary>
public static class PatrolPersonalData
{
    public static async ValueTask<object?> MaskFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var user = CurrentUser.From(context.HttpContext.User);
        return user is not null && user.Role.SeesPersonalData() ? result : Mask(result);
    }

    /// <summary>The value with personal fields masked; values without any pass unchanged.</summary>
    public static object? Mask(object? value) => value switch
    {
        PatrolTaskView task => Mask(task),
        RosterPerson person => Mask(person),
        PatrolWarningView warning => Mask(warning),
        IEnumerable<PatrolTaskView> tasks => tasks.Select(Mask).ToList(),
        IEnumerable<RosterPerson> people => people.Select(Mask).ToList(),
        IEnumerable<PatrolWarningView> warnings => warnings.Select(Mask).ToList(),
        _ => value,
    };

    private static PatrolTaskView Mask(PatrolTaskView t) =>
        t with { AssigneeName = PersonalDataMask.Name(t.AssigneeName), AssigneePhone = PersonalDataMask.Phone(t.AssigneePhone) };

    private static RosterPerson Mask(RosterPerson p) =>
        p with { Name = PersonalDataMask.Name(p.Name)!, Phone = PersonalDataMask.Phone(p.Phone)! };

    private static PatrolWarningView Mask(PatrolWarningView w) =>
        w with { SupervisorName = PersonalDataMask.Name(w.SupervisorName), SupervisorPhone = PersonalDataMask.Phone(w.SupervisorPhone) };
}
