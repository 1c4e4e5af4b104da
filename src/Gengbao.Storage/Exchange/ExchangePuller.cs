using System.Net.Http.Headers;
using Gengbao.Security.Access;
using Npgsql;

namespace Gengbao.Storage.Exchange;

/// <summary>
/// Pull (<c>exchange pull</c>): fetches a package of a catalog item, region and year from another platform's
/// <c>GET /api/exchange/packages</c> with that platform's bearer token, then receives it here exactly like a push or an
/// offline copy (channel <c>pull</c>): same checks, same delivery log, all or nothing.
/// </summary>
public sealed class ExchangePuller(NpgsqlDataSource dataSource)
{
    /// <exception cref="HttpRequestException">The other platform refused or failed; the message carries its answer.</exception>
    public async Task<DeliveryOutcome> PullAsync(HttpClient remote, string item, string region, int year, string receivedBy, DeliveryReceiver? receiver = null,
        CancellationToken cancellationToken = default)
    {
        var path = $"/api/exchange/packages?item={Uri.EscapeDataString(item)}&region={Uri.EscapeDataString(region)}&year={year}";
        using var response = await remote.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"{remote.BaseAddress}{path.TrimStart('/')}: {(int)response.StatusCode} {response.ReasonPhrase}: {answer}", null, response.StatusCode);
        }
        var name = response.Content.Headers.ContentDisposition is ContentDispositionHeaderValue { FileName: { } file }
            ? Path.GetFileName(file.Trim('"')) : $"{item}-{region}-{year}.zip";
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        // The remote platform's scope check decided what we may fetch; here the package is received for this platform as a whole.
        return await (receiver ?? new DeliveryReceiver(dataSource)).ReceiveAsync(body, name, "pull", receivedBy, RegionScope.Country, cancellationToken).ConfigureAwait(false);
    }
}
