using System.Runtime.CompilerServices;

// The village generator is tested village by village (a single village of a 2.4-million-patch prefecture in seconds).
[assembly: InternalsVisibleTo("Gengbao.Demo.Tests")]
