using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gengbao.Security.Access;

namespace Gengbao.Server.Tests.Apis;

/// <summary>The public portal's content: anyone reads what is published; admins edit only their region's articles.</summary>
public sealed class PortalApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static object Draft(string title, string region = "", bool published = true, string kind = "negative_list") => new
    {
        kind, regionPrefix = region, title, issuer = "临夏县自然资源局", year = 2026,
        points = new[] { "禁止在永久基本农田上新建养殖圈舍。", "  " }, tags = new[] { "负面清单", "养殖" }, sortOrder = 5, published,
    };

    private static async Task<JsonElement[]> PublicArticlesAsync(HttpClient client, string query = "")
    {
        using var response = await client.GetAsync("/api/public/portal/articles" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement[]>())!;
    }

    [Fact]
    public async Task The_public_reads_the_seeded_kinds_without_signing_in()
    {
        using var anonymous = server.Anonymous();
        var all = await PublicArticlesAsync(anonymous);
        Assert.Equal(["policy", "negative_list", "compensation"], all.Select(a => a.GetProperty("kind").GetString()).Distinct());
        Assert.Contains(all, a => a.GetProperty("title").GetString() == "中华人民共和国土地管理法");
        var negative = await PublicArticlesAsync(anonymous, "?kind=negative_list");
        Assert.NotEmpty(negative);
        Assert.All(negative, a => Assert.Equal("negative_list", a.GetProperty("kind").GetString()));
        Assert.DoesNotContain(all, a => a.TryGetProperty("updatedBy", out _));
        using var bad = await anonymous.GetAsync("/api/public/portal/articles?kind=secret");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_county_admin_edits_his_county_articles_and_publication_decides_what_the_public_sees()
    {
        await server.CreateUserAsync("portal-county", Role.RegionAdmin, "622921");
        using var county = await server.LoginAsync("portal-county");
        using var created = await county.PostAsJsonAsync("/api/admin/portal/articles", Draft("临夏县养殖用地负面清单", "622921", published: false));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var article = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = article.GetProperty("id").GetInt64();
        Assert.Equal(["禁止在永久基本农田上新建养殖圈舍。"], article.GetProperty("points").EnumerateArray().Select(p => p.GetString()));

        using var anonymous = server.Anonymous();
        Assert.DoesNotContain(await PublicArticlesAsync(anonymous), a => a.GetProperty("id").GetInt64() == id);
        using (var published = await county.PutAsJsonAsync($"/api/admin/portal/articles/{id}", Draft("临夏县养殖用地负面清单（2026）", "622921")))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }
        Assert.Contains(await PublicArticlesAsync(anonymous), a => a.GetProperty("title").GetString() == "临夏县养殖用地负面清单（2026）");
        Assert.Equal("portal-county", await server.ScalarAsync($"SELECT updated_by FROM portal_article WHERE id = {id}"));

        // Another county's admin cannot create, change or delete it; the platform-wide articles are not his either.
        await server.CreateUserAsync("portal-other", Role.RegionAdmin, "622922");
        using var other = await server.LoginAsync("portal-other");
        using (var foreign = await other.PostAsJsonAsync("/api/admin/portal/articles", Draft("越权", "622921")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        }
        using (var change = await other.PutAsJsonAsync($"/api/admin/portal/articles/{id}", Draft("越权修改", "622922")))
        {
            Assert.Equal(HttpStatusCode.NotFound, change.StatusCode);
        }
        var nationalId = await server.ScalarAsync("SELECT min(id) FROM portal_article WHERE region_prefix = ''");
        using (var national = await county.DeleteAsync($"/api/admin/portal/articles/{nationalId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, national.StatusCode);
        }
        Assert.Equal("0", await server.ScalarAsync("SELECT count(*) FROM portal_article WHERE title LIKE '越权%'"));
        Assert.Equal("临夏县养殖用地负面清单（2026）", await server.ScalarAsync($"SELECT title FROM portal_article WHERE id = {id}"));

        using (var deleted = await county.DeleteAsync($"/api/admin/portal/articles/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        Assert.Equal("0", await server.ScalarAsync($"SELECT count(*) FROM portal_article WHERE id = {id}"));
    }

    [Fact]
    public async Task Bad_articles_are_refused_with_every_problem_named_and_nothing_stored()
    {
        var before = await server.ScalarAsync("SELECT count(*) FROM portal_article");
        using var response = await server.Client.PostAsJsonAsync("/api/admin/portal/articles",
            new { kind = "rumour", title = "", year = 1800, points = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        foreach (var name in new[] { "kind:", "title:", "year:", "points:" })
        {
            Assert.Contains(name, text);
        }
        Assert.Equal(before, await server.ScalarAsync("SELECT count(*) FROM portal_article"));
        await server.CreateUserAsync("portal-field", Role.FieldManager, "622921");
        using var field = await server.LoginAsync("portal-field");
        using var refused = await field.PostAsJsonAsync("/api/admin/portal/articles", Draft("田管员不可编辑", "622921"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
