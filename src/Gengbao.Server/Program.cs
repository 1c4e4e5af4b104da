using Gengbao.Server;

// The platform's web server: services, then every capability's API, then run. `gengbao serve` builds the same app.
var app = await GengbaoServer.CreateAsync(args);
await app.RunAsync();

/// <summary>Entry point, public so API tests can host it with WebApplicationFactory.</summary>
public partial class Program;
