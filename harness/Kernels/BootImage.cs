using Conformance.Fixtures.Processes;
using System.Security.Cryptography;
using System.Text;
using Conformance.Harness.Distros;

namespace Conformance.Harness.Kernels;

/// <summary>The initramfs every kernel column boots: the cached root filesystem, the self-contained payload and
/// an init that runs the claims and prints the results file on the serial console between markers. One image
/// serves every kernel (the userland is the same, only the kernel varies); rebuilt only when its inputs change.</summary>
public static class BootImage
{
    public const string Begin = "===CONFORMANCE-RESULTS-BEGIN===";
    public const string End = "===CONFORMANCE-RESULTS-END===";

    /// <summary>PID 1 of the guest. CONFORMANCE_PLATFORM_ID comes from the kernel command line: arguments the
    /// kernel does not know are passed to init as environment variables.</summary>
    private const string Init = """
        #!/bin/sh
        # PID 1 of a kernel column's guest: runs every claim, prints the results, powers off. (BootImage.cs)
        export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
        mount -t proc proc /proc
        mount -t sysfs sysfs /sys
        mount -t devtmpfs devtmpfs /dev 2>/dev/null
        mkdir -p /run /tmp && mount -t tmpfs tmpfs /run && mount -t tmpfs tmpfs /tmp
        ip link set lo up
        export CONFORMANCE_RESULTS_DIR=/results TESTINGPLATFORM_TELEMETRY_OPTOUT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
        echo "conformance: kernel $(uname -r), platform $CONFORMANCE_PLATFORM_ID"
        /bin/sh /payload/run-claims.sh
        echo "===CONFORMANCE-RESULTS-BEGIN==="
        base64 /results/latest.json
        echo "===CONFORMANCE-RESULTS-END==="
        sync
        busybox poweroff -f
        echo o > /proc/sysrq-trigger

        """;

    public static string RootfsTarball(string suite) => DistroImages.RootfsTarball(suite);

    public static async Task<string> For(string userland, Action<string> progress)
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
        Directory.CreateDirectory(Path.GetDirectoryName(image)!);
        var root = Directory.CreateTempSubdirectory("conformance-initramfs-");
        try
        {
            await Sh($"tar -xf '{tarball.FullName}' -C '{root.FullName}'");
            // What a guest never reads: documentation, locales and apt's caches.
            await Sh($"cd '{root.FullName}' && rm -rf usr/share/doc usr/share/man usr/share/locale usr/share/info var/cache/apt var/lib/apt/lists");
            await Sh($"mkdir -p '{root.FullName}/payload' && cp -a '{payload}/.' '{root.FullName}/payload/'");
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "init"), Init.Replace("\r\n", "\n", StringComparison.Ordinal));
            await Sh($"chmod 755 '{root.FullName}/init'");
            var temporary = $"{image}.{Environment.ProcessId}.tmp";
            await Sh($"cd '{root.FullName}' && find . | cpio -o -H newc --quiet > '{temporary}'");
            File.Move(temporary, image, overwrite: true); // whole or not at all
            return image;
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static async Task Sh(string script)
    {
        var result = await Command.RunAsync("/bin/sh", ["-c", script], TimeSpan.FromMinutes(5));
        if (result.Exit != 0)
        {
            throw new InvalidOperationException($"building the initramfs failed ({script.Split("&&")[^1].Trim()}): {result.Output.Trim()}");
        }
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
}
