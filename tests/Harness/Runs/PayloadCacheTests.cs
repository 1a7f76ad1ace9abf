using Conformance.Harness.Distros;
using Conformance.Harness.Kernels;
using Conformance.Harness.Runs;

namespace Conformance.Harness.Tests.Runs;

/// <summary>The cache of published suites keeps the newest few of each runtime: one is published for every change of
/// the sources, about 90 MB each; and so the kernel guests' images, about 180 MB each, one for every payload.</summary>
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

    [Test]
    public void OnlyTheNewestBootImagesOfTheUserlandAreKept()
    {
        var cache = Directory.CreateTempSubdirectory("conformance-initramfs-");
        try
        {
            string Image(string name, int minutesAgo)
            {
                var path = Path.Combine(cache.FullName, name);
                File.WriteAllText(path, "");
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-minutesAgo));
                return name;
            }

            var vm = Enumerable.Range(1, 5).Select(i => Image($"bookworm-vm-{i:x16}.cpio", minutesAgo: i)).ToList();
            var other = Image("bookworm-0000000000000001.cpio", minutesAgo: 60); // another userland's, whose name starts the same

            BootImage.Prune(cache.FullName, "bookworm-vm", keep: 3);
            BootImage.Prune(cache.FullName, "bookworm", keep: 3);

            Assert.That(cache.EnumerateFiles().Select(f => f.Name), Is.EquivalentTo(vm.Take(3).Append(other)));
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }
}
