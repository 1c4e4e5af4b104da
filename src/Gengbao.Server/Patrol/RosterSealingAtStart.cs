using Gengbao.Security.Crypto;
using Gengbao.Storage.Patrol;
using Npgsql;

namespace Gengbao.Server.Patrol;

/// <summary>Seals roster rows written before names and phones were encrypted at rest (migration 0014), once, at start.</summary>
public sealed class RosterSealingAtStart(NpgsqlDataSource owner, FieldCipher cipher, ILogger<RosterSealingAtStart> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var sealedRows = await RosterSealing.SealPlaintextRowsAsync(owner, cipher, cancellationToken).ConfigureAwait(false);
        if (sealedRows > 0)
        {
            log.LogInformation("Sealed {Rows} roster rows written before encryption at rest", sealedRows);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
