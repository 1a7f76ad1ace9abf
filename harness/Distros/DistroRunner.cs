using System.Diagnostics;
using System.Text.Json;
using Conformance.Harness.Columns;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using Conformance.Harness.Runs;

namespace Conformance.Harness.Distros;

/// <summary>Runs the suite in a container per distro: network mode none (loopback only), no ports, the payload
/// copied in with the executable bit, a time limit, and the container removed afterwards (the sweep runs them
/// side by side, see <see cref="Columns.Sweeps"/>). A container that fails or hangs gives its column an error, with the
/// reason and its log tail; the other columns are kept.</summary>
public static class DistroRunner
{
    private const string ResultsDir = "/results";
    private const UnixFileModes Executable = UnixFileModes.UserRead | UnixFileModes.UserWrite | UnixFileModes.UserExecute
        | UnixFileModes.GroupRead | UnixFileModes.GroupExecute | UnixFileModes.OtherRead | UnixFileModes.OtherExecute;

    /// <summary>One distro's column (the sweep puts it in the lane named by the distro entry).</summary>
    public static async Task<ColumnOutcome> Run(Distro distro, TimeSpan limit, Action<string> progress)
    {
        if (await DistroImages.Unavailable(distro) is { } why)
        {
            progress($"skipped: {why}");
            return new ColumnOutcome(distro.Name, distro.Platform, null, why, null);
        }

        var stopwatch = Stopwatch.StartNew();
        using var cancel = new CancellationTokenSource(limit);
        IContainer? container = null;
        string? ociRuntime = null; // what the error column declares, once the runtime's version is known
        try
        {
            var payload = await Payload.For(distro.Rid, progress);
            var image = await DistroImages.Resolve(distro, progress, cancel.Token);
            var environment = new Dictionary<string, string>
            {
                [RunContract.ResultsDir] = ResultsDir,
                [RunContract.Container] = "docker",
                ["TESTINGPLATFORM_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
            };
            if (distro.Runtime is { } runtime)
            {
                var version = await Sandbox.Version(runtime);
                distro = distro with { Platform = Sandbox.Filled(distro.Platform, version), Label = Sandbox.Filled(distro.Label, version) };
                ociRuntime = $"{runtime} {version}";
                environment[RunContract.OciRuntime] = ociRuntime;
                environment[RunContract.PlatformId] = distro.Platform;
            }

            progress($"starting {image}{(distro.Runtime is null ? "" : $" under {distro.Runtime}")}");
            container = new ContainerBuilder(image)
                .WithName($"conformance-{distro.Name}-{Guid.NewGuid():N}")
                .WithLogger(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)
                .WithCreateParameterModifier(p =>
                {
                    p.HostConfig ??= new();
                    p.HostConfig.NetworkMode = "none";
                    // Docker turns IPv6 off on the loopback of a container without a network; the IPv6 claims need
                    // ::1, which stays inside the container like 127.0.0.1.
                    p.HostConfig.Sysctls = new Dictionary<string, string> { ["net.ipv6.conf.lo.disable_ipv6"] = "0" };
                    if (distro.Runtime is { } runtime)
                    {
                        p.HostConfig.Runtime = runtime;
                    }
                })
                .WithResourceMapping(new DirectoryInfo(payload), "/payload/", 0, 0, Executable)
                .WithEnvironment(environment)
                .WithEntrypoint("/bin/sh", $"/payload/{Payload.Script}")
                .WithCleanUp(false)
                .Build();
            await container.StartAsync(cancel.Token);
            var exit = await container.GetExitCodeAsync(cancel.Token);
            var bytes = await container.ReadFileAsync($"{ResultsDir}/{RunContract.PayloadResults}", cancel.Token);
            var results = JsonSerializer.Deserialize<ResultsFile>(bytes, Json.Options)
                ?? throw new InvalidOperationException("the container wrote an empty results file");
            if (results.Platform.Id != distro.Platform)
            {
                progress($"note: the container reports platform {results.Platform.Id}, ci/distros.json says {distro.Platform}");
            }

            progress($"{Columns.Columns.Summary(results)} in {stopwatch.Elapsed.TotalSeconds:0} s (exit {exit})");
            return new ColumnOutcome(distro.Name, distro.Platform, results with { Column = Columns.Columns.WithRunMode(Column(distro), results) }, null, null);
        }
        catch (Exception e)
        {
            var reason = e is OperationCanceledException
                ? $"the container did not finish within {limit.TotalMinutes:0.#} min"
                : $"{e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}";
            var log = container is null ? "" : await Log(container);
            progress($"error: {reason}");
            var declared = Declared(distro) with { OciRuntime = ociRuntime };
            var column = Columns.Columns.ErrorColumn(distro.Name, "container", declared, Column(distro), reason, Columns.Columns.Tail(log));
            return new ColumnOutcome(distro.Name, distro.Platform, column, null, reason) { Log = log };
        }
        finally
        {
            if (container is not null)
            {
                await Remove(container);
            }
        }
    }

    /// <summary>The platform a distro column stands for without a run: the host's kernel, the image's distro and C library.</summary>
    public static PlatformInfo Declared(Distro distro) =>
        Columns.Columns.Declared(distro.Platform, Columns.Columns.HostKernel(),
            RootfsFacts.Of(distro.Rootfs is { } suite ? DistroImages.RootfsTarball(suite) : null, distro.Image ?? $"Debian {distro.Rootfs} (minbase)"), "docker");

    /// <summary>A distro's column: a container on the host's kernel, or under another runtime a sandbox with a stack of its own.</summary>
    public static ColumnInfo Column(Distro distro) =>
        ColumnInfo.Of(distro.Runtime is null ? ColumnKinds.Container : ColumnKinds.Sandbox, distro.Label,
            distro.Runtime is { } runtime ? $"under the OCI runtime {runtime}" : null);

    /// <summary>Everything the container printed, standard output then error; empty when the engine cannot say.</summary>
    private static async Task<string> Log(IContainer container)
    {
        try
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var (stdout, stderr) = await container.GetLogsAsync(ct: cancel.Token);
            return stdout + stderr;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return "";
        }
    }

    /// <summary>With the reaper off, Testcontainers only stops containers: remove it ourselves.</summary>
    private static async Task Remove(IContainer container)
    {
        try
        {
            var id = container.Id;
            await container.DisposeAsync();
            using var client = DockerEngine.Client();
            await client.Containers.RemoveContainerAsync(id, new Docker.DotNet.Models.ContainerRemoveParameters { Force = true });
        }
        catch (Exception e) when (e is Docker.DotNet.DockerApiException or InvalidOperationException or HttpRequestException)
        {
            // never created, or already gone
        }
    }
}
