using System.Security.Cryptography;
using System.Text.Json;
using Gengbao.Cases;
using Gengbao.Geo.Crs;
using Gengbao.Security.Access;
using Gengbao.Security.Crypto;
using Gengbao.Server.Cases;
using Gengbao.Server.Patrol;
using Gengbao.Server.Security;
using Gengbao.Storage.Cases;
using NetTopologySuite.Geometries;

namespace Gengbao.Server.Apis;

/// <summary>Transitions (the six steps and filing), the verifier's judgement, and intake from screening and patrol.</summary>
public static partial class CaseApi
{
    private static readonly string StepActions = string.Join(", ", new[]
    {
        CaseAction.SubmitEvidence, CaseAction.Report, CaseAction.Approve, CaseAction.SendBack, CaseAction.Enforce, CaseAction.Close, CaseAction.Archive,
    }.Select(a => CaseNames.Name(a)));

    private static void MapTransitions(RouteGroupBuilder api)
    {
        api.MapPost("/{id:long}/transitions", async (long id, HttpContext context, NpgsqlStores stores, FieldCipher cipher, TimeProvider time, CancellationToken ct) =>
            {
                var user = CurrentUser.From(context.User)!;
                var (form, files) = await CaseUploads.ReadAsync(context.Request, "files", 10, allowPdf: true, ct);
                if (!CaseNames.TryParse<CaseAction>(form["action"], out var action)
                    || action is CaseAction.AutoPass or CaseAction.VerifyLegal or CaseAction.VerifyIllegal)
                {
                    throw new CaseException(CaseError.Invalid, $"action must be one of {StepActions}; a verification goes to /api/cases/{{id}}/verification");
                }
                ArchiveRecord? archive = null;
                if (action == CaseAction.Archive)
                {
                    // Refuse before building the dossier; the store checks again under the row lock.
                    CaseStateMachine.Resolve(CaseNames.Parse<CaseState>(await stores.Cases.StateAsync(id, ct)), action, user.Role.Name());
                    var dossier = await DossierAsync(id, stores, ct);
                    archive = new ArchiveRecord(Convert.ToHexStringLower(SHA256.HashData(dossier)), dossier.Length);
                }
                context.Audit().Target = $"case {id}";
                await stores.Cases.TransitionAsync(id, new TransitionRequest(action, user.Username, user.Role.Name(), form["notes"].ToString(), files,
                    time.GetUtcNow()), archive, ct);
                return await ResponseAsync(id, user, stores, cipher, ct);
            })
            .WithMetadata(CaseUploads.SizeLimit)
            .WithName("ChangeCaseState")
            .WithSummary("One step of 下发－举证－上报－审核－执行－结案 or filing (multipart: action, notes, files = JPEG/PNG/PDF); wrong state 409, wrong role 403");
        api.MapPost("/{id:long}/verification", async (long id, HttpContext context, NpgsqlStores stores, FieldCipher cipher, TimeProvider time, CancellationToken ct) =>
            {
                var user = CurrentUser.From(context.User)!;
                var (form, photos) = await CaseUploads.ReadAsync(context.Request, "photos", 10, allowPdf: false, ct);
                if (!CaseNames.TryParse<VerificationJudgement>(form["judgement"], out var judgement))
                {
                    throw new CaseException(CaseError.Invalid, $"judgement must be one of {string.Join(", ", Enum.GetValues<VerificationJudgement>().Select(j => CaseNames.Name(j)))}");
                }
                if (photos.Count == 0)
                {
                    throw new CaseException(CaseError.Invalid, "a verification needs at least one evidence photo in 'photos'");
                }
                var measured = ParsePolygon(form["measuredGeometry"].ToString());
                context.Audit().Target = $"case {id}";
                await stores.Cases.TransitionAsync(id, new TransitionRequest(judgement.Action(), user.Username, user.Role.Name(), form["notes"].ToString(), photos,
                    time.GetUtcNow(), judgement, measured), null, ct);
                return await ResponseAsync(id, user, stores, cipher, ct);
            })
            .WithMetadata(CaseUploads.SizeLimit)
            .WithName("VerifyCase")
            .WithSummary("The verifier's judgement on site (multipart: judgement, notes, optional measuredGeometry as GeoJSON Polygon, photos = JPEG/PNG): legal closes green, illegal turns red and dispatches");

        api.MapPost("/intake/screening", async (string? countyCode, int? year, HttpContext context, CaseIntake intake, CancellationToken ct) =>
            {
                if (countyCode is not { Length: 6 } || year is null)
                {
                    throw new CaseException(CaseError.Invalid, "countyCode (6 digits) and year are required");
                }
                if (!CurrentUser.From(context.User)!.Region.Covers(countyCode))
                {
                    throw new CaseException(CaseError.NotFound, $"county {countyCode} is outside your region");
                }
                var results = await intake.FromScreeningAsync(countyCode, year.Value, ct);
                return Results.Ok(new
                {
                    created = results.Count(r => r.Outcome == IntakeResult.Created),
                    merged = results.Count(r => r.Outcome == IntakeResult.Merged),
                    green = results.Count(r => r.Outcome == IntakeResult.Created && r.State == "closed_legal"),
                    yellow = results.Count(r => r.Outcome == IntakeResult.Created && r.State == "verifying"),
                    recoloured = results.Count(r => r.Outcome == IntakeResult.Recoloured),
                });
            })
            .RequireAuthorization(SecurityServices.AdminPolicy)
            .WithName("TakeInScreening").WithSummary("Turn the screened change patches of a county and year into cases (idempotent; the analysis worker does it after every run)");
        api.MapPost("/intake/findings/{findingId:long}", async (long findingId, HttpContext context, CaseIntake intake, CancellationToken ct) =>
            {
                var region = CurrentUser.From(context.User)!.Region;
                return await intake.FromFindingAsync(findingId, cell => region.Covers(cell), ct);
            })
            .WithName("TakeInFinding").WithSummary("Turn a patrol finding into a case, or merge it into the open case at its place");
    }

    /// <summary>The verifier's measured polygon: GeoJSON Polygon or MultiPolygon in longitude/latitude, valid; null when not given.</summary>
    private static Geometry? ParsePolygon(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        Geometry? geometry;
        try
        {
            using var document = JsonDocument.Parse(text);
            geometry = document.RootElement.ValueKind == JsonValueKind.Object ? GeoJson.FromElement(document.RootElement) : null;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            throw new CaseException(CaseError.Invalid, $"measuredGeometry is not GeoJSON: {e.Message}");
        }
        if (geometry is not (Polygon or MultiPolygon) || geometry.IsEmpty || !geometry.IsValid)
        {
            throw new CaseException(CaseError.Invalid, "measuredGeometry must be a valid GeoJSON Polygon or MultiPolygon");
        }
        var e2 = geometry.EnvelopeInternal;
        if (e2.MinX < 73 || e2.MaxX > 136 || e2.MinY < 3 || e2.MaxY > 54)
        {
            throw new CaseException(CaseError.Invalid, "measuredGeometry is outside China; coordinates are longitude, latitude");
        }
        return new GeometryFactory(new PrecisionModel(), CgcsCrs.Geographic).CreateGeometry(geometry);
    }
}
