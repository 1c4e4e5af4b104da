using System.Runtime.CompilerServices;

// The tests check internal steps (the trapezoid series against the notice's literal formula, the radian-level
// projection round trip) that the public API deliberately hides.
[assembly: InternalsVisibleTo("Gengbao.Geo.Tests")]
