namespace Gengbao.Storage.Tests.Patrol;

/// <summary>Track, roster and finding tests share one sample database (imported once) and run one after another; each asserts on its own rows or on before/after counts.</summary>
[CollectionDefinition(Name)]
public sealed class PatrolCollection : ICollectionFixture<PatrolDatabase>
{
    public const string Name = "patrol database";
}
