using System.Net;
using System.Text;
using Gengbao.Security.Access;
using Gengbao.Server.Security;
using Gengbao.Server.Tests.Apis;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gengbao.Server.Tests.Security;

/// <summary>
/// Every endpoint the app maps (read from its EndpointDataSource, so endpoints added later are covered) against an
/// anonymous caller and against every role: only the allow-list is anonymous, leaders never write, only admins
/// administer, and nothing answers 500.
/// </summary>
public sealed class EndpointAccessTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>The endpoints anyone may call, by name (OpenAPI's document has no name, so its route is used).</summary>
    private static readonly string[] AnonymousAllowList =
        ["Health", "Liveness", "Login", "ParcelPage", "GetPublicRegions", "GetParcelQrPng", "GetParcelQrSvg", "/openapi/{documentName}.json",
         "SubmitPublicClue", "GetPublicClueStatus", "ListPortalArticles", "GetPublicSpotChecks"];

    private sealed record Probe(string Name, string Method, string Path, RouteEndpoint Endpoint)
    {
        public bool IsAnonymous => Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        public bool IsAdmin => Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == SecurityServices.AdminPolicy);
        public bool IsSelfService => Endpoint.Metadata.GetMetadata<SelfServiceMetadata>() is not null;
        public bool IsWrite => Method is not ("GET" or "HEAD");
        public bool IsExchangeOnly => Endpoint.Metadata.GetMetadata<Gengbao.Server.Apis.ExchangeApi.ExchangeAccountsOnly>() is not null;
        public override string ToString() => $"{Method} {Path} ({Name})";
    }

    private List<Probe> Probes()
    {
        var probes = new List<Probe>();
        foreach (var endpoint in server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? endpoint.RoutePattern.RawText!;
            var path = "/" + endpoint.RoutePattern.RawText!.TrimStart('/')
                .Replace("{code}", "622921100201N48X000000000", StringComparison.Ordinal)
                .Replace("{username}", "nobody", StringComparison.Ordinal)
                .Replace("{documentName}", "v1", StringComparison.Ordinal)
                .Replace("{id:long}", "1", StringComparison.Ordinal); // a route that matches, so authorization answers
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                probes.Add(new Probe(name, method, path.Contains("/api/ledger/units", StringComparison.Ordinal) ? path + "?year=2024" : path, endpoint));
            }
        }
        Assert.True(probes.Count >= 14, $"only {probes.Count} endpoints found");
        return probes;
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, Probe probe)
    {
        using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Path);
        if (probe.IsWrite)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task OnlyTheAllowListAnswersAnonymousCallers()
    {
        var probes = Probes();
        Assert.Equal(AnonymousAllowList.Order(), probes.Where(p => p.IsAnonymous).Select(p => p.Name).Distinct().Order());
        using var anonymous = server.Anonymous();
        foreach (var probe in probes)
        {
            var status = await SendAsync(anonymous, probe);
            if (probe.IsAnonymous)
            {
                Assert.True(status is not HttpStatusCode.Forbidden and < HttpStatusCode.InternalServerError, $"{probe}: {status}");
            }
            else
            {
                Assert.True(status == HttpStatusCode.Unauthorized, $"{probe} answered {status} to an anonymous caller");
            }
        }
    }

    [Fact]
    public async Task EveryRoleOnEveryEndpoint()
    {
        var probes = Probes();
        foreach (var role in Roles.AccountRoles)
        {
            var name = $"matrix-{role.Name()}";
            await server.CreateUserAsync(name, role, role == Role.SystemAdmin ? "" : "622921");
            using var client = await server.LoginAsync(name);
            // Logout last, so the session lives through the other probes.
            foreach (var probe in probes.OrderBy(p => p.Name == "Logout"))
            {
                var status = await SendAsync(client, probe);
                Assert.True(status < HttpStatusCode.InternalServerError, $"{role.Name()} {probe}: {status}");
                if (probe.IsAnonymous)
                {
                    continue; // login with an empty body is 401 for anyone
                }
                Assert.True(status != HttpStatusCode.Unauthorized, $"{role.Name()} {probe}: 401 while logged in");
                var mayWrite = role.CanWrite() || probe.IsSelfService;
                var mayAdminister = role.AdministersAccounts();
                var expectForbidden = (probe.IsWrite && !mayWrite) || (probe.IsAdmin && !mayAdminister)
                    || (probe.IsExchangeOnly && role is not (Role.Exchange or Role.SystemAdmin or Role.RegionAdmin));
                Assert.True(expectForbidden == (status == HttpStatusCode.Forbidden), $"{role.Name()} {probe}: {status}");
            }
        }
    }
}
