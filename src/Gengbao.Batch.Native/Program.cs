using System.CommandLine;
using Gengbao.Batch;

// The file-mode batch commands compiled ahead of time; ./gengbao runs them here and everything else in the full CLI.
var root = new RootCommand("Gengbao (耕保) batch commands on files, native build")
{
    FileScreening.CreateCommand(),
    FileComparison.CreateCommand(),
};
var exit = await root.Parse(args).InvokeAsync();
if (Environment.GetEnvironmentVariable("GENGBAO_TRACE") == "1")
{
    // For benchmarks: what the garbage collector cost this run.
    Console.Error.WriteLine($"gengbao-native: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} gc {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen 0/1/2), " +
        $"paused {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms, allocated {GC.GetTotalAllocatedBytes() >> 20} MiB");
}
return exit;
