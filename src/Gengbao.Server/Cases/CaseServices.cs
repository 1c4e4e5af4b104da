using Gengbao.Storage.Screening;
using Gengbao.Storage.Cases;
using Gengbao.Storage.Security;
using Gengbao.Security.Crypto;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Gengbao.Server.Cases;

/// <summary>
/// Registers the case loop's owner-side services: intake (the analysis worker and the anonymous clue endpoint use it;
/// request handlers check the caller's region first) and the public clue store. Request-scoped case access goes through
/// <see cref="NpgsqlStores.Cases"/>. The escalation scheduler runs missed deadlines up the grid by itself.
/// </summary>
public static class CaseServices
{
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new CaseIntake(new OwnerConnections(sp.GetRequiredService<NpgsqlDataSource>()), sp.GetRequiredService<TimeProvider>(),
            new StoredShapeScreening(sp.GetRequiredService<NpgsqlDataSource>())));
        services.AddSingleton(sp => new PublicClueStore(new OwnerConnections(sp.GetRequiredService<NpgsqlDataSource>()),
            sp.GetRequiredService<FieldCipher>(), sp.GetRequiredService<TimeProvider>(), new StoredShapeScreening(sp.GetRequiredService<NpgsqlDataSource>())));
        services.AddSingleton(sp => new PublicSpotChecks(new OwnerConnections(sp.GetRequiredService<NpgsqlDataSource>())));
        services.AddSingleton<CaseEscalationScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<CaseEscalationScheduler>());
        return services;
    }
}
