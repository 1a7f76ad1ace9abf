using System.Security.Cryptography;
using System.Text;
using Conformance.Harness.Distros;
using Conformance.Harness.Runs;

namespace Conformance.Harness.Kernels;

/// <summary>The initramfs every kernel column boots: the cached root filesystem, the self-contained payload and
/// an init that runs the claims and prints the results file on the serial console between markers. One image
/// serves every kernel (the userland is the same, only the kernel varies); rebuilt only when its inputs change.</summary>
public static class BootImage
{
    /// <summary>PID 1 of the guest. The declared platform id comes from the kernel command line: arguments the
    /// kernel does not know are passed to init as environment variables.</summary>
    private static readonly string Init = $$"""
        #!/bin/sh
        # PID 1 of a kernel column's guest: runs every claim, prints the results, powers off. (BootImage.cs)
        export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
        mount -t proc proc /proc
        echo 1 > /proc/sys/kernel/printk   # the kernel's messages stay off the console the results are read from
        mount -t sysfs sysfs /sys
        mount -t devtmpfs devtmpfs /dev 2>/dev/null
        mkdir -p /run /tmp && mount -t tmpfs tmpfs /run && mount -t tmpfs tmpfs /tmp
        ip link set lo up
        export {{RunContract.ResultsDir}}=/results TESTINGPLATFORM_TELEMETRY_OPTOUT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
        # The ReadyToRun code as it is: under software emulation, recompiling its hot methods at tier 1 cost a fifth of
        # a guest's CPU time (measured: 161 s with tiering, 128 s without), and the guests share the host's cores.
        export DOTNET_TieredCompilation=0
        echo "conformance: kernel $(uname -r), platform ${{RunContract.PlatformId}}"
        # The claims' own output goes to a file, not the serial console, which an emulated guest writes at about
        # 14 KB/s. A line whenever the guest made progress (the merged results grew, or the claims' output did: a test
        # process starting up says so), with the last claim line: the runner stops a guest that goes quiet, not one
        # that is slow, and a killed guest's console tail says where it was.
        ( last=; while sleep 5; do
            n=$(grep -o '"verdict"' /results/{{RunContract.PayloadResults}} 2>/dev/null | wc -l)
            lines=$(cat /tmp/claims.log 2>/dev/null | wc -l)
            [ "$n $lines" = "$last" ] || echo "conformance: $n results so far, $lines lines of output (last claim: $(grep -a ' (FAQ ' /tmp/claims.log | tail -n 1 | cut -c1-160))"
            last="$n $lines"
          done ) &
        heartbeat=$!
        /bin/sh /payload/run-claims.sh > /tmp/claims.log 2>&1 || { echo "conformance: the claims' script failed; its last lines:"; tail -n 40 /tmp/claims.log; }
        kill $heartbeat; wait $heartbeat 2>/dev/null
        grep -a '^conformance: ' /tmp/claims.log   # how the processes ran, for the column's note and the log
        # Compressed: a results file is about 300 KB of JSON, twenty seconds on an emulated serial line.
        echo "{{RunContract.ResultsBegin}}"
        gzip -c /results/{{RunContract.PayloadResults}} | base64
        echo "{{RunContract.ResultsEnd}}"
        sync
        busybox poweroff -f
        echo o > /proc/sysrq-trigger

        """;

    public static string RootfsTarball(string suite) => DistroImages.RootfsTarball(suite);

    /// <summary>Guests boot side by side: the first to need the image builds it, the others wait for it.</summary>
    private static readonly SemaphoreSlim OneAtATime = new(1);

    public static async Task<string> For(string userland, Action<string> progress)
    {
        await OneAtATime.WaitAsync();
        try
        {
            return await Build(userland, progress);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private static async Task<string> Build(string userland, Action<string> progress)
    {
        var tarball = new FileInfo(RootfsTarball(userland));
        if (!tarball.Exists)
        {
            throw new InvalidOperationException($"no root filesystem for the guests at {tarball.FullName}: run ci/make-rootfs.sh {userland}");
        }

        var payload = await Payload.For("linux-x64", progress);
        var key = Hash($"{tarball.Length}-{tarball.LastWriteTimeUtc.Ticks}-{Path.GetFileName(payload)}-{Init}");
        var image = Path.Combine(Payload.CacheRoot, "initramfs", $"{userland}-{key}.cpio");
        if (File.Exists(image))
        {
            return image;
        }

        progress($"building the guests' initramfs {image}");
        var root = Directory.CreateTempSubdirectory("conformance-initramfs-");
        try
        {
            // tar(1), not System.Formats.Tar: a root filesystem holds absolute symbolic links (/lib/systemd/...), which
            // TarFile refuses to extract as links pointing outside the destination.
            var untar = await ExternalProgram.RunAsync("tar", ["-xf", tarball.FullName, "-C", root.FullName], TimeSpan.FromMinutes(5));
            if (untar.Exit != 0)
            {
                throw new InvalidOperationException($"tar could not unpack {tarball.FullName}: {untar.Output.Trim()}");
            }
            foreach (var unread in Unread)
            {
                var path = Path.Combine(root.FullName, unread);
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
            }

            CopyTree(payload, Path.Combine(root.FullName, "payload"));
            var init = Path.Combine(root.FullName, "init");
            await File.WriteAllTextAsync(init, Init.Replace("\r\n", "\n", StringComparison.Ordinal));
            if (!OperatingSystem.IsWindows()) // kernel columns are built on a Linux host (KernelRunner.Unavailable)
            {
                File.SetUnixFileMode(init, (UnixFileMode)0b111_101_101); // 0755
            }
            await AtomicFile.ProduceAsync(image, temporary => Cpio(root.FullName, temporary));
            Prune(Path.GetDirectoryName(image)!, userland, Payload.Kept);
            return image;
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>Deletes all but the <paramref name="keep"/> newest images of <paramref name="userland"/> (about 180 MB
    /// each; one is built for every new payload), as the payloads themselves are pruned (<see cref="CacheFolder.Prune"/>).
    /// Runs under this process's lock; a guest of another process that still boots an old image has it open, which a
    /// deletion does not disturb.</summary>
    public static void Prune(string folder, string userland, int keep) =>
        CacheFolder.Prune(new DirectoryInfo(folder).EnumerateFiles($"{userland}-*.cpio")
            .Where(f => !f.Name[(userland.Length + 1)..].Contains('-', StringComparison.Ordinal)), keep); // not another userland's ("bookworm-vm-..." is not bookworm's)

    /// <summary>What a guest never reads: documentation, locales and apt's caches.</summary>
    private static readonly string[] Unread = ["usr/share/doc", "usr/share/man", "usr/share/locale", "usr/share/info", "var/cache/apt", "var/lib/apt/lists"];

    /// <summary>The kernel takes an initramfs as a newc cpio archive, which .NET cannot write: cpio(1) does, given the
    /// entries on standard input (directories before what they hold, links as links).</summary>
    private static async Task Cpio(string root, string archive)
    {
        var entries = new List<string> { "." };
        Walk(new DirectoryInfo(root), ".", entries);
        var result = await ExternalProgram.RunAsync("cpio", ["-o", "-H", "newc", "--quiet", "-O", archive], TimeSpan.FromMinutes(5),
            workingDirectory: root, input: string.Join('\n', entries) + "\n");
        if (result.Exit != 0)
        {
            throw new InvalidOperationException($"cpio could not write the initramfs: {result.Output.Trim()}");
        }
    }

    private static void Walk(DirectoryInfo directory, string relative, List<string> entries)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var path = $"{relative}/{entry.Name}";
            entries.Add(path);
            if (entry is DirectoryInfo sub && entry.LinkTarget is null)
            {
                Walk(sub, path, entries); // a link to a directory is archived as the link, not followed
            }
        }
    }

    /// <summary>The payload into the guest's tree, modes kept (the claim executables must stay executable).</summary>
    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            var target = Path.Combine(to, Path.GetFileName(file));
            File.Copy(file, target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(file));
            }
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            CopyTree(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
}
