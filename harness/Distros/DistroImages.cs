using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Images;
using Conformance.Harness.Runs;

namespace Conformance.Harness.Distros;

/// <summary>The image of a distro column: a registry image as named, or one built from a cached root
/// filesystem tarball (FROM scratch, ADD rootfs.tar /) with a name fixed by the tarball, reused while it exists.</summary>
public static class DistroImages
{
    public static string RootfsTarball(string suite) => Path.Combine(Payload.CacheRoot, "rootfs", $"{suite}.tar");

    /// <summary>Why this distro's image cannot be had here, or null.</summary>
    public static async Task<string?> Unavailable(Distro distro)
    {
        if (distro.Runtime is { } runtime && await Sandbox.Unavailable(runtime) is { } noRuntime)
        {
            return noRuntime;
        }

        if (distro.Rootfs is { } suite)
        {
            return File.Exists(RootfsTarball(suite)) ? null : $"no root filesystem for {suite} at {RootfsTarball(suite)}: run ci/make-rootfs.sh {suite}";
        }

        using var client = DockerEngine.Client();
        try
        {
            await client.Images.InspectImageAsync(distro.Image!);
            return null;
        }
        catch (Docker.DotNet.DockerImageNotFoundException)
        {
            return RunContract.IsSet(RunContract.Pull) ? null
                : $"image {distro.Image} is not on this engine and pulling needs a registry: `docker pull {distro.Image}` where one is reachable, or set {RunContract.Pull}=1";
        }
    }

    /// <summary>Removes every image built from <paramref name="suite"/>'s tarball (for throwaway suites in tests).</summary>
    public static async Task Forget(string suite)
    {
        using var client = DockerEngine.Client();
        var images = await client.Images.ListImagesAsync(new Docker.DotNet.Models.ImagesListParameters { All = true });
        foreach (var image in images.Where(i => i.RepoTags?.Any(t => t.StartsWith($"conformance-rootfs/{suite}:", StringComparison.Ordinal)) == true))
        {
            await client.Images.DeleteImageAsync(image.ID, new Docker.DotNet.Models.ImageDeleteParameters { Force = true });
        }
    }

    public static async Task<string> Resolve(Distro distro, Action<string> progress, CancellationToken cancel)
    {
        if (distro.Image is { } image)
        {
            return image;
        }

        var tarball = new FileInfo(RootfsTarball(distro.Rootfs!));
        var name = $"conformance-rootfs/{distro.Rootfs}:{tarball.Length:x}-{tarball.LastWriteTimeUtc.Ticks:x}";
        using (var client = DockerEngine.Client())
        {
            try
            {
                await client.Images.InspectImageAsync(name, cancel);
                return name;
            }
            catch (Docker.DotNet.DockerImageNotFoundException)
            {
                // built below
            }
        }

        progress($"building image {name} from {tarball.FullName}");
        var context = Directory.CreateTempSubdirectory("conformance-image-");
        try
        {
            File.Copy(tarball.FullName, Path.Combine(context.FullName, "rootfs.tar"));
            await File.WriteAllTextAsync(Path.Combine(context.FullName, "Dockerfile"), "FROM scratch\nADD rootfs.tar /\n", cancel);
            IFutureDockerImage built = new ImageFromDockerfileBuilder()
                .WithDockerfileDirectory(context.FullName)
                .WithDockerfile("Dockerfile")
                .WithName(name)
                .WithCleanUp(false)
                .WithDeleteIfExists(false)
                .WithLogger(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)
                .Build();
            await built.CreateAsync(cancel);
            return name;
        }
        finally
        {
            context.Delete(recursive: true);
        }
    }
}
