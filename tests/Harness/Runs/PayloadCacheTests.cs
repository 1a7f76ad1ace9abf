using Conformance.Harness.Distros;
using Conformance.Harness.Runs;

namespace Conformance.Harness.Tests.Runs;

/// <summary>The cache of published suites keeps the newest few of each runtime: one is published for every change of
/// the sources, about 90 MB each.</summary>
public sealed class PayloadCacheTests
{
    [Test]
    public void OnlyTheNewestPayloadsOfTheRuntimeAndNoHalfDonePublishAreKept()
    {
        var cache = Directory.CreateTempSubdirectory("conformance-payloads-");
        try
        {
            string Folder(string name, int minutesAgo, bool finished = true)
            {
                var dir = Directory.CreateDirectory(Path.Combine(cache.FullName, name));
                if (finished)
                {
                    File.WriteAllText(Path.Combine(dir.FullName, Payload.Script), "");
                }

                dir.LastWriteTimeUtc = DateTime.UtcNow.AddMinutes(-minutesAgo);
                return dir.Name;
            }

            var linux = Enumerable.Range(1, 5).Select(i => Folder($"linux-x64-{i:x16}", minutesAgo: i)).ToList();
            var windows = Folder("win-x64-0000000000000001", minutesAgo: 60);
            Folder("linux-x64-0000000000000009.123.tmp", minutesAgo: 0, finished: false);

            Payload.Prune(cache.FullName, "linux-x64", keep: 3);

            Assert.That(cache.EnumerateDirectories().Select(d => d.Name), Is.EquivalentTo(linux.Take(3).Append(windows)));
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }
}
