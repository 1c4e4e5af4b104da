namespace Gengbao.Server.Tests.Apis;

/// <summary>The case API fixture (its own database) with the escalation scheduler running every second.</summary>
public sealed class CaseLoopFixture : CaseApiFixture
{
    protected override bool EscalationScheduler => true;
}
