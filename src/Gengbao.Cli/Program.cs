using System.CommandLine;
using Gengbao.Cli.Commands;

// The command-line tool: parse and hand off. Each command lives in Commands/ and calls the same services as the server.
var root = new RootCommand("Gengbao (耕保) farmland-protection platform")
{
    DbCommand.Create(),
    ServeCommand.Create(),
    ImportCommand.Create(),
    AreaCommand.Create(),
    CodeCommand.Create(),
    LedgerCommand.Create(),
    ReportCommand.Create(),
    ReportCommand.Targets(),
    PbfCommand.Create(),
    DemoCommand.Create(),
    ScreenCommand.Create(),
    CompareCommand.Create(),
    PatrolCommands.Roster(),
    PatrolCommands.Patrol(),
    PatrolCommands.Track(),
    CaseCommands.Create(),
    UserCommand.Create(),
    AuditCommand.Create(),
    KeysCommand.Create(),
    BackupCommand.CreateBackup(),
    BackupCommand.CreateRestore(),
    ExchangeCommand.Create(),
    QcCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
