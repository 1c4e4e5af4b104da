using Gengbao.Server.Security;
using Gengbao.Storage.Portal;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Server.Apis;

/// <summary>
/// The public portal's content (政策法规, 负面清单, 补偿标准): read by anyone, edited by admins for the regions they
/// cover (row-level security on <c>portal_article</c>; an article of another region is 404 to them).
/// </summary>
public static class PortalApi
{
    public static void MapPortalApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/public/portal/articles", async (string? kind, NpgsqlDataSource dataSource, CancellationToken ct) =>
                kind is not null && !PortalArticleRules.Kinds.Contains(kind)
                    ? Results.Problem($"kind must be one of {string.Join(", ", PortalArticleRules.Kinds)}", statusCode: 400)
                    : Results.Ok(await new PortalArticleStore(new ScopedConnections(dataSource, DataScope.Public)).ListAsync(kind, ct)))
            .AllowAnonymous().RequireRateLimiting(SecurityServices.PublicRateLimit).WithName("ListPortalArticles").WithTags("Public")
            .WithSummary("Published portal articles: policies, the negative list of farmland uses, compensation standards");

        var admin = app.MapGroup("/api/admin/portal/articles").WithTags("Admin").RequireAuthorization(SecurityServices.AdminPolicy);
        admin.MapGet("", async (ScopedConnections connections, CancellationToken ct) =>
                Results.Ok(await new PortalArticleStore(connections).ListAsync(null, ct)))
            .WithName("ListPortalArticlesForEditing").WithSummary("Every portal article, published or not, for editing");
        admin.MapPost("", async (PortalArticleDraft body, HttpContext context, ScopedConnections connections, CancellationToken ct) =>
                await SaveAsync(null, body, context, connections, ct))
            .WithName("CreatePortalArticle").WithSummary("Add a portal article in a region the caller covers");
        admin.MapPut("/{id:long}", async (long id, PortalArticleDraft body, HttpContext context, ScopedConnections connections, CancellationToken ct) =>
                await SaveAsync(id, body, context, connections, ct))
            .WithName("UpdatePortalArticle").WithSummary("Replace a portal article of a region the caller covers");
        admin.MapDelete("/{id:long}", async (long id, ScopedConnections connections, CancellationToken ct) =>
                await new PortalArticleStore(connections).DeleteAsync(id, ct) ? Results.NoContent() : Results.Problem($"no portal article {id} in your region", statusCode: 404))
            .WithName("DeletePortalArticle").WithSummary("Delete a portal article of a region the caller covers");
    }

    private static async Task<IResult> SaveAsync(long? id, PortalArticleDraft body, HttpContext context, ScopedConnections connections, CancellationToken ct)
    {
        var problems = PortalArticleRules.Check(body);
        if (problems.Count > 0)
        {
            return Results.Problem(string.Join("; ", problems), statusCode: 400);
        }
        var editor = CurrentUser.From(context.User)!.Username;
        var saved = await new PortalArticleStore(connections).SaveAsync(id, body, editor, ct);
        return saved switch
        {
            null when id is null => Results.Problem($"region '{body.RegionPrefix}' is outside your region", statusCode: 403),
            null => Results.Problem($"no portal article {id} in your region (or its new region is outside yours)", statusCode: 404),
            _ when id is null => Results.Created($"/api/admin/portal/articles/{saved.Id}", saved),
            _ => Results.Ok(saved),
        };
    }
}
