using System.CommandLine;
using Gengbao.Batch;

// The file-mode batch commands compiled ahead of time; ./gengbao runs them here and everything else in the full CLI.
var root = new RootCommand("Gengbao (耕保) batch commands on files, native build")
{
    FileScreening.CreateCommand(),
    FileComparison.CreateCommand(),
};
return await root.Parse(args).InvokeAsync();
