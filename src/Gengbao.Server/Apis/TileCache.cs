using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Caching.Memory;

namespace Gengbao.Server.Apis;

/// <summary>
/// Recently served vector tiles in memory, bounded by total bytes. Keys start with the tile's ETag, which changes with
/// the layer's current versions, so a new import never serves a stale tile; old entries just age out.
/// </summary>
public sealed class TileCache : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 256L * 1024 * 1024 });

    public bool TryGet(string key, [NotNullWhen(true)] out byte[]? bytes) => _cache.TryGetValue(key, out bytes) && bytes is not null;

    public void Set(string key, byte[] bytes) =>
        _cache.Set(key, bytes, new MemoryCacheEntryOptions { Size = bytes.Length + 64, SlidingExpiration = TimeSpan.FromMinutes(30) });

    public void Dispose() => _cache.Dispose();
}
