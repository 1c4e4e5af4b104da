using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

// bench/run ingest's load generator: `IngestLoad URL TASK_IDS_FILE [--clients N] [--seconds S] [--batch P]`.
// Each client owns tasks and posts batches of P fixes (a new batch id each) as fast as the server answers, for S
// seconds after a short warm-up; prints points/s and batch latency percentiles, the figures on the last line.
var inv = CultureInfo.InvariantCulture;
var url = args[0].TrimEnd('/');
var tasks = File.ReadAllLines(args[1]).Where(l => l.Length > 0).Select(l => long.Parse(l, inv)).ToArray();
int Option(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 ? int.Parse(args[i + 1], inv) : fallback;
var clients = Option("--clients", 4);
var seconds = Option("--seconds", 20);
var batchSize = Option("--batch", 500);

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 }) { Timeout = TimeSpan.FromSeconds(30) };
// A field manager's session (bench/ingest.sh signs in): uploads pass authentication and region scope as in the field.
http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
    Environment.GetEnvironmentVariable("BENCH_TOKEN") ?? throw new InvalidOperationException("BENCH_TOKEN is not set"));
var start = DateTimeOffset.UtcNow.AddHours(-3);
object Batch(int seed)
{
    var rng = new Random(seed);
    var lon = 103.1 + (rng.NextDouble() * 0.3);
    var lat = 35.45 + (rng.NextDouble() * 0.2);
    var points = new object[batchSize];
    for (var i = 0; i < batchSize; i++)
    {
        points[i] = new { lon = lon + (i * 0.00001), lat, accuracy = 5.0, altitude = 2000.0, time = start.AddSeconds(i) };
    }
    return new { batchId = Guid.NewGuid(), points };
}

var warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 3;
var stopAt = warmUntil + Stopwatch.Frequency * seconds;
var latencies = new List<double>[clients];
var failures = 0;
var workers = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
{
    latencies[c] = [];
    var n = 0;
    while (Stopwatch.GetTimestamp() < stopAt)
    {
        var task = tasks[(c + (n * clients)) % tasks.Length];
        var body = Batch((c * 100_000) + n++);
        var t0 = Stopwatch.GetTimestamp();
        using var response = await http.PostAsJsonAsync($"{url}/api/patrol/tracks/{task}/batches", body);
        var t1 = Stopwatch.GetTimestamp();
        if (!response.IsSuccessStatusCode)
        {
            if (Interlocked.Increment(ref failures) <= 3)
            {
                var text = await response.Content.ReadAsStringAsync();
                Console.Error.WriteLine($"{(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}");
            }
            continue;
        }
        if (t0 >= warmUntil && t1 <= stopAt)
        {
            latencies[c].Add((t1 - t0) * 1000.0 / Stopwatch.Frequency);
        }
    }
})).ToArray();
await Task.WhenAll(workers);
var all = latencies.SelectMany(l => l).Order().ToList();
double P(double q) => all.Count == 0 ? double.NaN : all[Math.Min(all.Count - 1, (int)Math.Ceiling(q * all.Count) - 1)];
var rate = all.Count * batchSize / (double)seconds;
Console.WriteLine(string.Create(inv, $"{clients} clients, batches of {batchSize}, {seconds} s measured: {all.Count} batches, {failures} failed, p50 {P(0.5):F0} ms, p95 {P(0.95):F0} ms"));
Console.WriteLine(string.Create(inv, $"ingest: {rate:F0} points/s, p99 {P(0.99):F0} ms"));
return failures == 0 ? 0 : 1;
