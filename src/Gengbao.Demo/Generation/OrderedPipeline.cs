namespace Gengbao.Demo.Generation;

/// <summary>
/// Runs <c>produce</c> for items 0…n−1 on worker threads and hands the results to <c>consume</c> on the calling thread
/// strictly in index order. At most <c>window</c> results exist at once, so memory stays flat however many items there
/// are; dedicated threads block instead of spinning, which matters when generation and writing share two cores.
/// </summary>
internal static class OrderedPipeline
{
    public static void Run<T>(int count, int workers, int window, Func<int, T> produce, Action<int, T> consume)
        where T : class
    {
        var results = new T?[count];
        var slots = new SemaphoreSlim(window);
        var gate = new object();
        var next = -1;
        var stop = false;
        Exception? failure = null;

        void Work()
        {
            while (true)
            {
                // Take the slot before the index: the lowest unfinished index then always holds a slot, so the
                // consumer waiting on it can never be starved by later items filling the window.
                slots.Wait();
                var index = Interlocked.Increment(ref next);
                if (index >= count || Volatile.Read(ref stop))
                {
                    slots.Release();
                    return;
                }
                try
                {
                    var result = produce(index);
                    lock (gate)
                    {
                        results[index] = result;
                        Monitor.PulseAll(gate);
                    }
                }
                catch (Exception e)
                {
                    lock (gate)
                    {
                        failure ??= e;
                        stop = true;
                        Monitor.PulseAll(gate);
                    }
                    return;
                }
            }
        }

        var threads = Enumerable.Range(0, Math.Max(1, workers))
            .Select(i => new Thread(Work) { IsBackground = true, Name = $"demo-worker-{i}" })
            .ToList();
        threads.ForEach(t => t.Start());
        try
        {
            for (var i = 0; i < count; i++)
            {
                T item;
                lock (gate)
                {
                    while (results[i] is null && failure is null)
                    {
                        Monitor.Wait(gate);
                    }
                    if (failure is not null)
                    {
                        break;
                    }
                    item = results[i]!;
                    results[i] = null;
                }
                consume(i, item);
                slots.Release();
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            slots.Release(threads.Count);
            threads.ForEach(t => t.Join());
            slots.Dispose();
        }
        if (failure is not null)
        {
            throw new AggregateException("generating the demo data failed", failure);
        }
    }
}
