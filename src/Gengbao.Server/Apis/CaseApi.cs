using System.Text.Json.Nodes;
using Gengbao.Cases;
using Gengbao.Security.Access;
using Gengbao.Security.Crypto;
using Gengbao.Security.Masking;
using Gengbao.Server.Patrol;
using Gengbao.Server.Security;
using Gengbao.Storage.Cases;

namespace Gengbao.Server.Apis;

/// <summary>
/// The case loop (docs/cases.md) under <c>/api/cases</c>: list and detail here; transitions, verification and intake in
/// CaseApi.Transitions.cs; statistics, spot checks and escalation in CaseApi.Statistics.cs. Every query runs scoped to
/// the caller's region (a case outside it is 404). Refusals are problem details: 400 bad input, 403 wrong role,
/// 404 unknown, 409 wrong state, 413 too large; nothing is written then.
/// </summary>
public static partial class CaseApi
{
    /// <summary>A case with its geometries as GeoJSON (CGCS2000 longitude/latitude, shown as EPSG:4326), its located evidence, the actions the caller may take now and the clue contacts he may see.</summary>
    public sealed record CaseResponse(CaseSummary Case, string StateLabel, string CodeLabel, JsonNode? Geometry, JsonNode? MeasuredGeometry,
        string Reason, string? Judgement, IReadOnlyList<CaseSourceView> Sources, IReadOnlyList<CaseEventView> History,
        IReadOnlyList<CaseTaskView> Tasks, IReadOnlyList<CaseAttachmentView> Attachments, CaseArchiveView? Archive,
        IReadOnlyList<string> AllowedActions, IReadOnlyList<ClueContact> ClueContacts, IReadOnlyList<CaseEvidencePoint> EvidencePoints);

    public static void MapCaseApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cases").WithTags("Cases").AddEndpointFilter(RefusalsAsProblems);
        api.MapGet("", (string? state, string? code, string? source, string? region, int? limit, NpgsqlStores stores, CancellationToken ct) =>
                stores.Cases.ListAsync(new CaseQuery(state, code, source, region, limit ?? 500), ct))
            .WithName("ListCases").WithSummary("Cases of the caller's region, newest first; filter by state, code (green/yellow/red), source (issued/monitoring/patrol/public), region prefix");
        api.MapGet("/{id:long}", async (long id, HttpContext context, NpgsqlStores stores, FieldCipher cipher, CancellationToken ct) =>
                await ResponseAsync(id, CurrentUser.From(context.User)!, stores, cipher, ct))
            .WithName("GetCase").WithSummary("A case with its sources, full history, tasks, attachments and the actions open to the caller; clue contacts masked unless the role sees personal data")
            .ReadsSensitiveData();
        api.MapGet("/tasks/mine", (NpgsqlStores stores, CancellationToken ct) => stores.Cases.OpenTasksAsync(ct))
            .WithName("ListMyCaseTasks").WithSummary("Open verification and rectification tasks in the caller's region (a field manager's region is his cell), earliest deadline first");
        api.MapGet("/{id:long}/attachments/{attachmentId:long}", async (long id, long attachmentId, NpgsqlStores stores, CancellationToken ct) =>
            {
                var (view, content) = await stores.Cases.AttachmentAsync(id, attachmentId, ct);
                return Results.File(content, view.ContentType, view.FileName);
            })
            .WithName("GetCaseAttachment").WithSummary("One attachment's bytes");
        api.MapGet("/{id:long}/dossier", async (long id, NpgsqlStores stores, CancellationToken ct) =>
                Results.File(await DossierAsync(id, stores, ct), "application/zip", $"case-{id}.zip"))
            .WithName("GetCaseDossier").WithSummary("The case dossier: ZIP with manifest.json, attachments, map.svg and a print-friendly summary.html");
        MapTransitions(api);
        MapStatistics(api);
        MapImport(api);
    }

    internal static async Task<byte[]> DossierAsync(long id, NpgsqlStores stores, CancellationToken ct)
    {
        var detail = await stores.Cases.GetAsync(id, ct);
        return CaseDossier.Build(detail, await stores.Cases.AttachmentsAsync(id, ct), await stores.Cases.ContextParcelsAsync(id, ct));
    }

    private static async Task<CaseResponse> ResponseAsync(long id, CurrentUser user, NpgsqlStores stores, FieldCipher cipher, CancellationToken ct)
    {
        var d = await stores.Cases.GetAsync(id, ct);
        var contacts = (await stores.Cases.ClueContactsAsync(id, ct)).Select(c =>
        {
            var contact = c.ContactSealed is null ? null : cipher.Decrypt(c.ContactSealed, PublicClueStore.ContactContext);
            return new ClueContact(c.TrackingNumber, user.Role.SeesPersonalData() ? contact : MaskContact(contact), c.ReceivedAt);
        }).ToList();
        var state = CaseNames.Parse<CaseState>(d.Case.State);
        return new CaseResponse(d.Case, CaseNames.Label(state), CaseNames.Label(CaseNames.Parse<CaseCode>(d.Case.Code)), GeoJson.ToNode(d.Geometry),
            d.MeasuredGeometry is null ? null : GeoJson.ToNode(d.MeasuredGeometry), d.Reason, d.Judgement, d.SourceReports, d.History, d.Tasks, d.Attachments,
            d.Archive, [.. CaseStateMachine.ActionsFor(state, user.Role.Name()).Select(a => CaseNames.Name(a))], contacts,
            await stores.Cases.EvidencePointsAsync(id, ct));
    }

    /// <summary>A contact is free text: a mobile number is masked as one, anything else keeps its first character.</summary>
    private static string? MaskContact(string? contact) => contact switch
    {
        null => null,
        _ when contact.Length == 11 && contact.All(char.IsAsciiDigit) => PersonalDataMask.Phone(contact),
        _ => PersonalDataMask.Name(contact),
    };

    private static async ValueTask<object?> RefusalsAsProblems(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (CaseRefusedException e)
        {
            return Results.Problem(e.Message, statusCode: e.Kind == CaseRefusalKind.WrongRole ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict,
                title: e.Kind == CaseRefusalKind.WrongRole ? "Role not allowed" : "Transition not allowed from this state");
        }
        catch (CaseException e)
        {
            var status = e.Error switch
            {
                CaseError.NotFound => StatusCodes.Status404NotFound,
                CaseError.Conflict => StatusCodes.Status409Conflict,
                CaseError.TooLarge => StatusCodes.Status413PayloadTooLarge,
                _ => StatusCodes.Status400BadRequest,
            };
            return Results.Problem(e.Message, statusCode: status);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or System.Text.Json.JsonException)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
