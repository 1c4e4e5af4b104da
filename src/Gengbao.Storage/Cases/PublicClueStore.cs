using System.Security.Cryptography;
using Gengbao.Cases;
using Gengbao.Geo.Crs;
using Gengbao.Security.Crypto;
using Gengbao.Storage.Screening;
using Gengbao.Storage.Security;
using NetTopologySuite.Geometries;
using Npgsql;

namespace Gengbao.Storage.Cases;

/// <summary>A clue from the public: where, what, optional contact, 0–5 photos already checked by content.</summary>
public sealed record PublicClueSubmission(double Lon, double Lat, string Description, string? Contact, IReadOnlyList<NewAttachment> Photos, string? ClientIp);

/// <summary>What the public may see of a clue: coarse status and its dates, nothing personal.</summary>
public sealed record PublicClueView(string TrackingNumber, string Status, string StatusLabel, DateTimeOffset ReceivedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<PublicClueStep> History);

public sealed record PublicClueStep(DateTimeOffset At, string Status, string Label);

/// <summary>A clue's contact as stored with the case, decrypted (the API masks it for roles that must not see it).</summary>
public sealed record ClueContact(string TrackingNumber, string? Contact, DateTimeOffset ReceivedAt);

/// <summary>
/// Public clues (公众监督, seed 004 保权益). Anonymous callers have no region, so intake runs as the owner (like the
/// background worker) and answers only with a tracking number; the look-up returns statuses and dates only.
/// The contact is sealed with <see cref="FieldCipher"/> (context <c>public_clue.contact</c>). With a screening service
/// the clue's point is screened against the stored layers first (<see cref="CaseIntake.ScreenPointAsync"/>): the
/// case records what lies there (cultivated land, approvals) and always goes to a check on site.
/// </summary>
public sealed class PublicClueStore(IConnectionSource owner, FieldCipher cipher, TimeProvider time, StoredShapeScreening? shapes = null)
{
    public const int MaxPhotos = 5;
    public const int MaxDescriptionLength = 2000;
    public const int MaxContactLength = 100;
    public const string ContactContext = "public_clue.contact";

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32: no I, L, O, U

    /// <summary>Stores the clue and its case (new or merged) in one transaction and returns the tracking number.</summary>
    public async Task<string> SubmitAsync(PublicClueSubmission clue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clue);
        var problems = new List<string>();
        if (!double.IsFinite(clue.Lon) || !double.IsFinite(clue.Lat) || clue.Lon is < 73 or > 136 || clue.Lat is < 3 or > 54)
        {
            problems.Add("lon/lat must be a location in China (73..136°E, 3..54°N)");
        }
        if (string.IsNullOrWhiteSpace(clue.Description) || clue.Description.Length > MaxDescriptionLength)
        {
            problems.Add($"description is required, at most {MaxDescriptionLength} characters");
        }
        if (clue.Contact is { Length: > MaxContactLength })
        {
            problems.Add($"contact is at most {MaxContactLength} characters");
        }
        if (clue.Photos.Count > MaxPhotos)
        {
            problems.Add($"at most {MaxPhotos} photos");
        }
        if (problems.Count > 0)
        {
            throw new CaseException(CaseError.Invalid, string.Join("; ", problems));
        }
        var now = time.GetUtcNow();
        var point = new GeometryFactory(new PrecisionModel(), CgcsCrs.Geographic).CreatePoint(new Coordinate(clue.Lon, clue.Lat));
        await using var connection = await owner.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var place = await CasePlace.LocateAsync(connection, point, cancellationToken).ConfigureAwait(false)
            ?? throw new CaseException(CaseError.Invalid, $"the location ({clue.Lon}, {clue.Lat}) is outside the prefecture: no admin unit contains it");
        var tracking = NewTrackingNumber(now);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO public_clue (county_code, unit_code, tracking_number, lon, lat, description, contact_enc, client_ip, received_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, connection))
        {
            insert.Parameters.AddWithValue(place.CountyCode);
            insert.Parameters.AddWithValue(place.UnitCode);
            insert.Parameters.AddWithValue(tracking);
            insert.Parameters.AddWithValue(clue.Lon);
            insert.Parameters.AddWithValue(clue.Lat);
            insert.Parameters.AddWithValue(clue.Description.Trim());
            insert.Parameters.AddWithValue(string.IsNullOrWhiteSpace(clue.Contact) ? DBNull.Value : cipher.Encrypt(clue.Contact.Trim(), ContactContext));
            insert.Parameters.AddWithValue((object?)clue.ClientIp ?? DBNull.Value);
            insert.Parameters.AddWithValue(now);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        var intake = new CaseIntake(owner, time, shapes);
        var report = await intake.ScreenPointAsync(place.CountyCode,
            new CaseReport(CaseSourceKind.Public, tracking, point, null, $"公众线索 {tracking}", clue.Description.Trim(), now), cancellationToken).ConfigureAwait(false);
        var taken = await intake.TakeAsync(connection, report, cancellationToken).ConfigureAwait(false);
        await using (var link = new NpgsqlCommand("UPDATE public_clue SET case_id = $2 WHERE tracking_number = $1", connection))
        {
            link.Parameters.AddWithValue(tracking);
            link.Parameters.AddWithValue(taken.CaseId);
            await link.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        for (var i = 0; i < clue.Photos.Count; i++)
        {
            var photo = clue.Photos[i];
            await using var insert = new NpgsqlCommand("""
                INSERT INTO case_attachment (county_code, case_id, unit_code, file_name, content_type, content, sha256, created_at)
                SELECT county_code, id, unit_code, $2, $3, $4, $5, $6 FROM problem_case WHERE id = $1
                """, connection);
            insert.Parameters.AddWithValue(taken.CaseId);
            insert.Parameters.AddWithValue($"clue-{tracking}-{i + 1}{(photo.ContentType == "image/png" ? ".png" : ".jpg")}");
            insert.Parameters.AddWithValue(photo.ContentType);
            insert.Parameters.AddWithValue(photo.Content);
            insert.Parameters.AddWithValue(Convert.ToHexStringLower(SHA256.HashData(photo.Content)));
            insert.Parameters.AddWithValue(now);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return tracking;
    }

    /// <summary>The public status of a clue; null for an unknown (or malformed) tracking number.</summary>
    public async Task<PublicClueView?> StatusAsync(string trackingNumber, CancellationToken cancellationToken = default)
    {
        if (!IsTrackingNumber(trackingNumber))
        {
            return null;
        }
        await using var connection = await owner.OpenAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset received;
        long? caseId;
        string? state;
        await using (var command = new NpgsqlCommand(
            "SELECT p.received_at, p.case_id, c.state FROM public_clue p LEFT JOIN problem_case c ON c.id = p.case_id WHERE p.tracking_number = $1", connection))
        {
            command.Parameters.AddWithValue(trackingNumber);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
            (received, caseId, state) = (reader.GetFieldValue<DateTimeOffset>(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }
        var history = new List<PublicClueStep> { new(received, "received", PublicClueStatus.Label("received")) };
        if (caseId is { } id)
        {
            await using var command = new NpgsqlCommand("SELECT at, to_state FROM case_event WHERE case_id = $1 AND to_state IS NOT NULL ORDER BY id", connection);
            command.Parameters.AddWithValue(id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var status = PublicClueStatus.Of(CaseNames.Parse<CaseState>(reader.GetString(1)));
                var at = reader.GetFieldValue<DateTimeOffset>(0);
                if (status != history[^1].Status)
                {
                    history.Add(new PublicClueStep(at < received ? received : at, status, PublicClueStatus.Label(status)));
                }
            }
        }
        var current = PublicClueStatus.Of(state is null ? null : CaseNames.Parse<CaseState>(state));
        return new PublicClueView(trackingNumber, current, PublicClueStatus.Label(current), received, history[^1].At, history);
    }

    /// <summary><c>GB</c>, the China date, a dash and 8 Crockford base32 characters (40 random bits).</summary>
    public static bool IsTrackingNumber(string? value) =>
        value is { Length: 19 } && value.StartsWith("GB", StringComparison.Ordinal) && value[10] == '-'
        && value.AsSpan(2, 8).IndexOfAnyExceptInRange('0', '9') < 0 && value.AsSpan(11).IndexOfAnyExcept(Alphabet) < 0;

    private static string NewTrackingNumber(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        var chars = new char[8];
        for (var i = 0; i < 8; i++)
        {
            chars[i] = Alphabet[random[i] & 31];
        }
        return $"GB{now.ToOffset(TimeSpan.FromHours(8)):yyyyMMdd}-{new string(chars)}";
    }
}
