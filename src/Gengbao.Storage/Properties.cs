using System.Runtime.CompilerServices;

// The admin locator's rules are tested directly.
[assembly: InternalsVisibleTo("Gengbao.Storage.Tests")]
