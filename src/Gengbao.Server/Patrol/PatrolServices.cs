using Gengbao.Storage.Patrol;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gengbao.Server.Patrol;

/// <summary>Registers grid patrol: its stores, the sealing of old roster rows, the system clock (tests replace it) and the dispatch scheduler.</summary>
public static class PatrolServices
{
    public static IServiceCollection AddPatrol(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TrackPartitions>();
        services.AddScoped<PatrolStores>();
        services.AddHostedService<RosterSealingAtStart>();
        services.AddSingleton<PatrolScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<PatrolScheduler>());
        return services;
    }
}
