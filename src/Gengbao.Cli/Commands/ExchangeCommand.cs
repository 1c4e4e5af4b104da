using System.CommandLine;
using System.Net.Http.Headers;
using Gengbao.Exchange.Catalog;
using Gengbao.Exchange.Packages;
using Gengbao.Security.Access;
using Gengbao.Storage.Database;
using Gengbao.Storage.Exchange;

namespace Gengbao.Cli.Commands;

/// <summary>
/// <c>gengbao exchange pack|verify|unpack|receive|push</c>: exchange packages between departments (docs/exchange.md).
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
        return exchange;
    }

    private static Command Pack()
    {
        var item = new Option<string>("--item") { Description = "Catalog item id, e.g. land-survey", Required = true };
        var region = new Option<string>("--region") { Description = "County code", Required = true };
        var year = new Option<int>("--year") { Description = "Survey year", Required = true };
        var output = new Option<string>("--out") { Description = "Package file to write (.zip)", Required = true };
        var organisation = new Option<string?>("--organisation") { Description = "Producing organisation named in the manifest" };
        var command = new Command("pack", "Pack a one-map catalog item of a county and year from this database") { item, region, year, output, organisation };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            var catalogItem = (await new ExchangeCatalog(dataSource).ListAsync(ct)).FirstOrDefault(i => i.Id == parse.GetValue(item))
                ?? throw new ArgumentException($"no catalog item '{parse.GetValue(item)}'");
            var target = Path.GetFullPath(parse.GetValue(output)!);
            var scratch = Directory.CreateTempSubdirectory("gengbao-pack-");
            try
            {
                await using (var file = File.Create(target + ".partial"))
                {
                    var manifest = await new PackageBuilder(new Storage.Security.OwnerConnections(dataSource)).BuildAsync(catalogItem, parse.GetValue(region)!, parse.GetValue(year),
                        new PackageProducer(catalogItem.Owner, parse.GetValue(organisation) ?? "", $"cli:{Environment.UserName}"), DateTimeOffset.UtcNow, file, scratch.FullName, ct);
                    Console.WriteLine($"packed {string.Join(", ", manifest.Layers.Select(l => $"{l.Name} {l.FeatureCount}"))} into {target}");
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
        var command = new Command("verify", "Check a package's paths, sizes and SM3 checksums without extracting it") { file };
        command.SetAction(parse => Refusing(() =>
        {
            var path = parse.GetValue(file)!;
            using var zip = File.OpenRead(path);
            var manifest = PackageReader.Read(zip, Path.GetFileName(path), _ => Stream.Null);
            Console.WriteLine($"{Path.GetFileName(path)}: intact: {manifest.CatalogItem} {manifest.Region} {manifest.Year} {manifest.Period}, " +
                string.Join(", ", manifest.Layers.Select(l => $"{l.Name} {l.FeatureCount}")));
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
        var command = new Command("receive", "Receive an offline package into this database: verify, check schema and quality, load all or nothing") { file };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            await using var dataSource = await DatabaseBootstrap.OpenAsync(cancellationToken: ct);
            await using var zip = File.OpenRead(path);
            var outcome = await new DeliveryReceiver(dataSource).ReceiveAsync(zip, Path.GetFileName(path), "offline", $"cli:{Environment.UserName}", RegionScope.Country, ct);
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
        }));
        return command;
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
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
