using Gengbao.Security.Access;

namespace Gengbao.Cases.Tests;

public sealed class CaseStateMachineTests
{
    [Fact]
    public void A_red_case_walks_the_six_steps_by_the_roles_of_seed_001()
    {
        var state = CaseState.Verifying;
        foreach (var (action, role, expected) in new[]
        {
            (CaseAction.VerifyIllegal, Roles.FieldManager, CaseState.Dispatched),
            (CaseAction.SubmitEvidence, Roles.FieldManager, CaseState.Evidenced),
            (CaseAction.Report, Roles.FieldManager, CaseState.Reported),
            (CaseAction.Approve, Roles.RegionAdmin, CaseState.Reviewed),
            (CaseAction.Enforce, Roles.Enforcement, CaseState.Enforced),
            (CaseAction.Close, Roles.RegionAdmin, CaseState.Closed),
            (CaseAction.Archive, Roles.RegionAdmin, CaseState.Archived),
        })
        {
            state = CaseStateMachine.Resolve(state, action, role).To;
            Assert.Equal(expected, state);
        }
        Assert.Empty(CaseStateMachine.ActionsFor(CaseState.Archived, Roles.SystemAdmin));
    }

    [Fact]
    public void Green_is_the_system_s_alone()
    {
        Assert.Equal(CaseCode.Green, CaseStateMachine.Resolve(CaseState.Verifying, CaseAction.AutoPass, CaseActor.System).SetsCode);
        var e = Assert.Throws<CaseRefusedException>(() => CaseStateMachine.Resolve(CaseState.Verifying, CaseAction.AutoPass, Roles.SystemAdmin));
        Assert.Equal(CaseRefusalKind.WrongRole, e.Kind);
    }

    [Fact]
    public void Every_action_not_in_the_table_is_refused_as_wrong_state_and_every_role_not_named_as_wrong_role()
    {
        var roles = Roles.AccountRoles.Select(r => r.Name()).Append(Roles.Public).Append(CaseActor.System).ToList();
        var refusedState = 0;
        var refusedRole = 0;
        foreach (var state in Enum.GetValues<CaseState>())
        {
            foreach (var action in Enum.GetValues<CaseAction>())
            {
                var row = CaseStateMachine.Table.SingleOrDefault(t => t.From == state && t.Action == action);
                foreach (var role in roles)
                {
                    if (row is not null && row.Roles.Contains(role))
                    {
                        Assert.Equal(row.To, CaseStateMachine.Resolve(state, action, role).To);
                        continue;
                    }
                    var e = Assert.Throws<CaseRefusedException>(() => CaseStateMachine.Resolve(state, action, role));
                    Assert.Equal(row is null ? CaseRefusalKind.WrongState : CaseRefusalKind.WrongRole, e.Kind);
                    _ = row is null ? refusedState++ : refusedRole++;
                }
            }
        }
        Assert.True(refusedState > 0 && refusedRole > 0);
        Assert.Throws<CaseRefusedException>(() => CaseStateMachine.Resolve(CaseState.Reported, CaseAction.Approve, Roles.Leader));
    }

    [Fact]
    public void A_refusal_names_the_state_and_what_is_possible()
    {
        var e = Assert.Throws<CaseRefusedException>(() => CaseStateMachine.Resolve(CaseState.Dispatched, CaseAction.Close, Roles.RegionAdmin));
        Assert.Equal("a case in state dispatched (已下发) cannot 'close'; possible: submit_evidence", e.Message);
        var role = Assert.Throws<CaseRefusedException>(() => CaseStateMachine.Resolve(CaseState.Reviewed, CaseAction.Enforce, Roles.FieldManager));
        Assert.Equal("role field_manager may not 'enforce' a case in state reviewed; allowed: enforcement, system_admin", role.Message);
    }

    [Theory]
    [InlineData(VerificationJudgement.LegalWithApproval, CaseAction.VerifyLegal)]
    [InlineData(VerificationJudgement.FacilityAgriculturalLandFiled, CaseAction.VerifyLegal)]
    [InlineData(VerificationJudgement.TemporaryLand, CaseAction.VerifyLegal)]
    [InlineData(VerificationJudgement.Other, CaseAction.VerifyLegal)]
    [InlineData(VerificationJudgement.IllegalNonAgricultural, CaseAction.VerifyIllegal)]
    [InlineData(VerificationJudgement.IllegalNonGrain, CaseAction.VerifyIllegal)]
    public void Judgements_lead_to_their_transition(VerificationJudgement judgement, CaseAction action) => Assert.Equal(action, judgement.Action());

    [Theory]
    [InlineData("closed_legal", CaseState.ClosedLegal)]
    [InlineData("verifying", CaseState.Verifying)]
    public void Names_round_trip(string name, CaseState state)
    {
        Assert.Equal(name, CaseNames.Name(state));
        Assert.Equal(state, CaseNames.Parse<CaseState>(name));
        Assert.False(CaseNames.TryParse<CaseState>("1", out _));
        Assert.False(CaseNames.TryParse<CaseState>("closed legal", out _));
    }
}
