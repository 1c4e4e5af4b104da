using System.CommandLine;
using System.Globalization;
using Gengbao.Geo.Grid;

namespace Gengbao.Cli.Commands;

/// <summary><c>gengbao code encode --lon X --lat Y [--level N]</c> and <c>gengbao code decode CODE</c>: Beidou grid codes (GB/T 39409-2020) and spatial codes.</summary>
internal static class CodeCommand
{
    public static Command Create()
    {
        var lon = new Option<double>("--lon") { Description = "Longitude, degrees east (CGCS2000)", Required = true };
        var lat = new Option<double>("--lat") { Description = "Latitude, degrees north (CGCS2000)", Required = true };
        var level = new Option<int>("--level") { Description = "Grid level 1-10 (7 ≈ 7.7 m, 8 ≈ 1 m)", DefaultValueFactory = _ => 10 };
        var admin = new Option<string?>("--admin") { Description = "Admin or location-unit code: print the parcel spatial code instead" };
        var encode = new Command("encode", "Encode a point as a Beidou grid location code") { lon, lat, level, admin };
        encode.SetAction(parse => CliErrors.RunAsync(() =>
        {
            var x = parse.GetValue(lon);
            var y = parse.GetValue(lat);
            var n = parse.GetValue(level);
            Console.WriteLine(parse.GetValue(admin) is { } code ? SpatialCode.Compose(code, x, y, n) : BeidouGridCode.Encode(x, y, n));
            return Task.FromResult(0);
        }));
        var codeArgument = new Argument<string>("code") { Description = "A Beidou grid code (e.g. N50J47539B8) or a parcel spatial code" };
        var decode = new Command("decode", "Decode a Beidou grid code or spatial code to its cell") { codeArgument };
        decode.SetAction(parse => CliErrors.RunAsync(() =>
        {
            var text = parse.GetValue(codeArgument)!.Trim();
            string beidou = text;
            if (SpatialCode.TryParse(text, out var parts))
            {
                Console.WriteLine($"admin code: {parts.AdminCode}");
                beidou = parts.BeidouCode;
            }
            var cell = BeidouGridCode.Decode(beidou);
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine($"level: {cell.Level}");
            Console.WriteLine(string.Create(inv, $"cell: lon {cell.West:F9}..{cell.East:F9}, lat {cell.South:F9}..{cell.North:F9}"));
            Console.WriteLine(string.Create(inv, $"centre: lon {cell.Centre.Lon:F9}, lat {cell.Centre.Lat:F9}"));
            return Task.FromResult(0);
        }));
        return new Command("code", "Beidou grid location codes and parcel spatial codes (空间码)") { encode, decode };
    }
}
