using System.CommandLine;
using System.Net.Http.Headers;
using Gengbao.Exchange.Catalog;
using Gengbao.Exchange.Packages;
using Gengbao.Exchange.Schedule;
using Gengbao.Security.Access;
using Gengbao.Storage.Database;
using Gengbao.Storage.Exchange;

namespace Gengbao.Cli.Commands;

/// <summary>
/// <c>gengbao exchange pack|verify|unpack|receive|push|pull|keygen|trust|schedule|evaluate</c>: exchange packages between departments (docs/exchange.md).
/// An offline copy is received exactly like an API upload (same checks, same delivery log).
/// </summary>
internal static class ExchangeCommand
{
    public const int Refused = 2;

    public static Command Create()
    {
        var exchange = new Command("exchange", "Data exchange packages between departments (数据汇交)");
        exchange.Subcommands.Add(Pack());
        exchange.Subcommands.Add(Verify());
        exchange.Subcommands.Add(Unpack());
        exchange.Subcommands.Add(Receive());
        exchange.Subcommands.Add(Push());
        exchange.Subcommands.Add(Pull());
        exchange.Subcommands.Add(Keygen());
        exchange.Subcommands.Add(Trust());
        exchange.Subcommands.Add(Schedule());
        exchange.Subcommands.Add(Evaluate());
        return exchange;
    }

    private static Command Pack()
    {
        var item = new Option<string>("--item") { Description = "Catalog item id, e.g. land-survey", Required = true };
        var region = new Option<string>("--region") { Description = "County code", Required = true };
        var year = new Option<int>("--year") { Description = "Survey year", Required = true };
        var output = new Option<string>("--out") { Description = "Package file to write (.zip)", Required = true };
        var organisation = new Option<string?>("--organisation") { Description = "Producing organisation named in the manifest" };
        var sign = new Option<string?>("--sign") { Description = "SM2 private key (PEM, from exchange keygen) to sign the manifest with" };
        var command = new Command("pack", "Pack a one-map catalog item of a county and year from this database") { item, region, year, output, organisation, sign };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var catalogItem = (await new ExchangeCatalog(dataSource).ListAsync(ct)).FirstOrDefault(i => i.Id == parse.GetValue(item))
                ?? throw new ArgumentException($"no catalog item '{parse.GetValue(item)}'");
            var target = Path.GetFullPath(parse.GetValue(output)!);
            var signer = parse.GetValue(sign) is { } keyFile ? Signer(await File.ReadAllTextAsync(keyFile, ct)) : null;
            var scratch = Directory.CreateTempSubdirectory("gengbao-pack-");
            try
            {
                await using (var file = File.Create(target + ".partial"))
                {
                    var manifest = await new PackageBuilder(new Storage.Security.OwnerConnections(dataSource)).BuildAsync(catalogItem, parse.GetValue(region)!, parse.GetValue(year),
                        new PackageProducer(catalogItem.Owner, parse.GetValue(organisation) ?? "", $"cli:{Environment.UserName}"), DateTimeOffset.UtcNow, file, scratch.FullName, ct, signer);
                    Console.WriteLine($"packed{(signer is null ? "" : " and signed")} {string.Join(", ", manifest.Layers.Select(l => $"{l.Name} {l.FeatureCount}"))} into {target}");
                }
                File.Move(target + ".partial", target, overwrite: true);
                return 0;
            }
            finally
            {
                File.Delete(target + ".partial");
                scratch.Delete(recursive: true);
            }
        }));
        return command;
    }

    private static Command Verify()
    {
        var file = new Argument<string>("file") { Description = "Package (.zip)" };
        var key = new Option<string?>("--key") { Description = "The sender's SM2 public key (PEM): the package must be signed by it" };
        var command = new Command("verify", "Check a package's paths, sizes, SM3 checksums (and SM2 signature with --key) without extracting it") { file, key };
        command.SetAction(parse => Refusing(() =>
        {
            var path = parse.GetValue(file)!;
            using var zip = File.OpenRead(path);
            var contents = PackageReader.ReadPackage(zip, Path.GetFileName(path), _ => Stream.Null, trust: KeyFileTrust(parse.GetValue(key)));
            var manifest = contents.Manifest;
            var signature = contents.Signer is { } s ? $", signature verified ({s.Name})" : contents.Signed ? ", signed (not checked: no --key)" : ", unsigned";
            Console.WriteLine($"{Path.GetFileName(path)}: intact: {manifest.CatalogItem} {manifest.Region} {manifest.Year} {manifest.Period}, " +
                string.Join(", ", manifest.Layers.Select(l => $"{l.Name} {l.FeatureCount}")) + signature);
            return 0;
        }));
        return command;
    }

    private static Command Unpack()
    {
        var file = new Argument<string>("file") { Description = "Package (.zip)" };
        var to = new Option<string>("--to") { Description = "Folder to extract into (must not exist or be empty)", Required = true };
        var command = new Command("unpack", "Verify a package and extract its files") { file, to };
        command.SetAction(parse => Refusing(() =>
        {
            var path = parse.GetValue(file)!;
            var target = Path.GetFullPath(parse.GetValue(to)!);
            if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            {
                throw new ArgumentException($"{target} is not empty");
            }
            var scratch = target + ".partial";
            Directory.CreateDirectory(scratch);
            try
            {
                using (var zip = File.OpenRead(path))
                {
                    var manifest = PackageReader.Read(zip, Path.GetFileName(path), entry =>
                    {
                        var destination = Path.GetFullPath(Path.Combine(scratch, entry));
                        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                        return File.Create(destination);
                    });
                    File.WriteAllText(Path.Combine(scratch, PackageReader.ManifestName), System.Text.Json.JsonSerializer.Serialize(manifest, PackageManifest.Json));
                }
                if (Directory.Exists(target))
                {
                    Directory.Delete(target);
                }
                Directory.Move(scratch, target);
                Console.WriteLine($"unpacked into {target}");
                return 0;
            }
            finally
            {
                if (Directory.Exists(scratch))
                {
                    Directory.Delete(scratch, recursive: true);
                }
            }
        }));
        return command;
    }

    private static Command Receive()
    {
        var file = new Argument<string>("file") { Description = "Package (.zip) delivered on an offline copy" };
        var key = new Option<string?>("--key") { Description = "The sender's SM2 public key (PEM), trusted besides the registered ones: the package must be signed by it" };
        var requireSignature = new Option<bool>("--require-signature") { Description = "Refuse an unsigned package" };
        var command = new Command("receive", "Receive an offline package into this database: verify, check schema and quality, load all or nothing") { file, key, requireSignature };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            await using var zip = File.OpenRead(path);
            var receiver = new DeliveryReceiver(dataSource)
            {
                ExtraKeys = KeyFileTrust(parse.GetValue(key))?.Keys ?? [],
                RequireSignature = parse.GetValue(requireSignature),
            };
            return Report(await receiver.ReceiveAsync(zip, Path.GetFileName(path), "offline", $"cli:{Environment.UserName}", RegionScope.Country, ct));
        }));
        return command;
    }

    private static int Report(DeliveryOutcome outcome)
    {
        if (outcome.Accepted)
        {
            Console.WriteLine($"delivery {outcome.DeliveryId} accepted: layer versions {string.Join(", ", outcome.LayerVersions)}");
            return 0;
        }
        Console.Error.WriteLine($"delivery {outcome.DeliveryId} refused: {outcome.Reason}");
        foreach (var problem in outcome.Problems.Take(50))
        {
            Console.Error.WriteLine($"  {problem}");
        }
        return Refused;
    }

    private static Command Pull()
    {
        var from = new Option<string>("--from") { Description = "The other platform, e.g. https://gengbao.example.gov.cn", Required = true };
        var token = new Option<string?>("--token") { Description = "Bearer token of your account on the other platform (or GENGBAO_TOKEN)" };
        var item = new Option<string>("--item") { Description = "Catalog item id (a one-map item of the other platform)", Required = true };
        var region = new Option<string>("--region") { Description = "County code", Required = true };
        var year = new Option<int>("--year") { Description = "Survey year", Required = true };
        var key = new Option<string?>("--key") { Description = "The sender's SM2 public key (PEM), trusted besides the registered ones" };
        var command = new Command("pull", "Fetch a package from another platform's GET /api/exchange/packages and receive it here (all or nothing)") { from, token, item, region, year, key };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using var http = new HttpClient { BaseAddress = new Uri(parse.GetValue(from)!), Timeout = TimeSpan.FromHours(1) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                parse.GetValue(token) ?? Environment.GetEnvironmentVariable("GENGBAO_TOKEN") ?? throw new ArgumentException("--token or GENGBAO_TOKEN is required"));
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var receiver = new DeliveryReceiver(dataSource) { ExtraKeys = KeyFileTrust(parse.GetValue(key))?.Keys ?? [] };
            try
            {
                return Report(await new ExchangePuller(dataSource).PullAsync(http, parse.GetValue(item)!, parse.GetValue(region)!, parse.GetValue(year),
                    $"cli:{Environment.UserName}", receiver, ct));
            }
            catch (HttpRequestException e)
            {
                Console.Error.WriteLine($"pull failed: {e.Message}");
                return Refused;
            }
        }));
        return command;
    }

    private static Command Keygen()
    {
        var output = new Option<string>("--out") { Description = "Folder for sm2-private.pem and sm2-public.pem", Required = true };
        var command = new Command("keygen", "Make an SM2 key pair (PEM) for signing packages; register the public key on the receiving platform") { output };
        command.SetAction(parse => Refusing(() =>
        {
            var folder = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(folder);
            var privatePath = Path.Combine(folder, "sm2-private.pem");
            if (File.Exists(privatePath))
            {
                throw new ArgumentException($"{privatePath} exists: refusing to overwrite a key");
            }
            var (privatePem, publicPem) = Gengbao.Security.Crypto.Sm2Signer.GenerateKeyPair();
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // the private key is the owner's alone
            }
            using (var stream = new FileStream(privatePath, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(privatePem);
            }
            File.WriteAllText(Path.Combine(folder, "sm2-public.pem"), publicPem);
            Console.WriteLine($"SM2 key pair in {folder} (fingerprint {Gengbao.Security.Crypto.Sm2Signer.Fingerprint(publicPem)}); keep sm2-private.pem secret");
            return 0;
        }));
        return command;
    }

    private static Command Trust()
    {
        var key = new Argument<string>("key") { Description = "The sending department's SM2 public key (PEM)" };
        var department = new Option<string>("--department") { Description = "natural_resources or agriculture", Required = true };
        var region = new Option<string>("--region") { Description = "Region code prefix the key signs for (county, prefecture or province code)", Required = true };
        var name = new Option<string?>("--name") { Description = "A label, e.g. the organisation" };
        var command = new Command("trust", "Register a sending department's public key: its packages for the region must then be signed by it") { key, department, region, name };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var dept = parse.GetValue(department)!;
            if (dept is not (Departments.NaturalResources or Departments.Agriculture))
            {
                throw new ArgumentException("--department is natural_resources or agriculture");
            }
            var path = parse.GetValue(key)!;
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var id = await DepartmentKeys.AddAsync(new Storage.Security.OwnerConnections(dataSource), dept, parse.GetValue(region)!,
                parse.GetValue(name) ?? Path.GetFileNameWithoutExtension(path), await File.ReadAllTextAsync(path, ct), $"cli:{Environment.UserName}", ct);
            Console.WriteLine($"key {id} registered for {dept} in {parse.GetValue(region)}");
            return 0;
        }));
        return command;
    }

    private static Command Schedule()
    {
        var year = new Option<int?>("--year") { Description = "Year (default: this year)" };
        var record = new Option<DateOnly?>("--annual-update") { Description = "Record the day the annual update of --region and --year was put into use (yyyy-MM-dd)" };
        var region = new Option<string?>("--region") { Description = "County code, with --annual-update" };
        var command = new Command("schedule", "Due dates per catalog item, region and period; exit 2 when any delivery is overdue") { year, record, region };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var today = DeliverySchedule.DayOf(DateTimeOffset.UtcNow);
            var y = parse.GetValue(year) ?? today.Year;
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var store = new ExchangeScheduleStore(new Storage.Security.OwnerConnections(dataSource));
            if (parse.GetValue(record) is { } inUse)
            {
                var county = parse.GetValue(region) ?? throw new ArgumentException("--annual-update needs --region");
                await store.RecordAnnualUpdateAsync(county, y, inUse, $"cli:{Environment.UserName}", ct);
                Console.WriteLine($"annual update of {county} {y} in use on {inUse:yyyy-MM-dd}");
            }
            var result = await store.LoadAsync(y, today, ct);
            foreach (var e in result.Schedule)
            {
                Console.WriteLine($"{e.CatalogItem,-28} {e.Region,-8} {e.Period,-6} due {(e.DueDate is { } d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "(no annual update date)"),-24} " +
                    $"{EvaluationReport.Status(e.Status)}{(e.DaysLate(today) > 0 ? $" {e.DaysLate(today)} day(s)" : "")}");
            }
            var overdue = result.Overdue.Count();
            Console.WriteLine($"{result.Schedule.Count} due deliveries in {y}, {overdue} overdue");
            return overdue == 0 ? 0 : Refused;
        }));
        return command;
    }

    private static Command Evaluate()
    {
        var year = new Option<int>("--year") { Description = "Year to evaluate", Required = true };
        var output = new Option<string>("--out") { Description = "Report file: .html or .csv", Required = true };
        var command = new Command("evaluate", "The evaluation report (汇交成效评估): timeliness, completeness, quality and use per department") { year, output };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var today = DeliverySchedule.DayOf(DateTimeOffset.UtcNow);
            var y = parse.GetValue(year);
            var path = parse.GetValue(output)!;
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var result = await new ExchangeScheduleStore(new Storage.Security.OwnerConnections(dataSource)).LoadAsync(y, today, ct);
            var text = Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".csv" => EvaluationReport.Csv(y, today, result.Evaluations, result.Schedule),
                ".html" or ".htm" => EvaluationReport.Html(y, today, result.Evaluations, result.Schedule),
                _ => throw new ArgumentException("--out ends in .html or .csv"),
            };
            await File.WriteAllTextAsync(path, text, ct);
            foreach (var e in result.Evaluations)
            {
                Console.WriteLine($"{e.Department}: {e.Score.Total} (timeliness {e.Score.Timeliness}, completeness {e.Score.Completeness}, quality {e.Score.Quality}, use {e.Score.Use})");
            }
            Console.WriteLine($"report in {path}");
            return 0;
        }));
        return command;
    }

    private static Func<byte[], byte[]> Signer(string privatePem)
    {
        Gengbao.Security.Crypto.Sm2Signer.Sign([], privatePem); // fails early on a file that is not an SM2 private key
        return bytes => Gengbao.Security.Crypto.Sm2Signer.Sign(bytes, privatePem);
    }

    /// <summary>A public key file as a trust list valid for any department and region: the offline "I know who sent this" check.</summary>
    private static PackageTrust? KeyFileTrust(string? path)
    {
        if (path is null)
        {
            return null;
        }
        var pem = Gengbao.Security.Crypto.Sm2Signer.PublicPemOf(File.ReadAllText(path));
        var name = $"{Path.GetFileName(path)} ({Gengbao.Security.Crypto.Sm2Signer.Fingerprint(pem)[..16]})";
        return new PackageTrust([new TrustedKey(Departments.NaturalResources, "", pem, name), new TrustedKey(Departments.Agriculture, "", pem, name)], requireSignature: true);
    }

    private static Command Push()
    {
        var file = new Argument<string>("file") { Description = "Package (.zip)" };
        var url = new Option<string>("--url") { Description = "The receiving platform, e.g. https://gengbao.example.gov.cn", Required = true };
        var token = new Option<string>("--token") { Description = "Bearer token of the exchange account (or GENGBAO_TOKEN)" };
        var command = new Command("push", "Upload a package to another platform's POST /api/exchange/packages") { file, url, token };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            using var http = new HttpClient { BaseAddress = new Uri(parse.GetValue(url)!), Timeout = TimeSpan.FromHours(1) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                parse.GetValue(token) ?? Environment.GetEnvironmentVariable("GENGBAO_TOKEN") ?? throw new ArgumentException("--token or GENGBAO_TOKEN is required"));
            await using var zip = File.OpenRead(path);
            using var content = new StreamContent(zip);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            using var response = await http.PostAsync($"/api/exchange/packages?name={Uri.EscapeDataString(Path.GetFileName(path))}", content, ct);
            Console.WriteLine(await response.Content.ReadAsStringAsync(ct));
            return response.IsSuccessStatusCode ? 0 : Refused;
        }));
        return command;
    }

    private static int Refusing(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (PackageException e)
        {
            Console.Error.WriteLine($"refused: {e.Message}");
            return Refused;
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or FormatException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
